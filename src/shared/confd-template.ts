/** The platform's nginx upstream template for one service (what confd renders from /{service}/*). */
export function upstreamTemplate(service = 'search_PRE'): string {
  return [
    `# nginx upstream rendered by confd from /${service}/*`,
    `upstream ${service} {`,
    `{{- range getvs "/${service}/*"}}`,
    '    server {{.}};',
    '{{- end}}',
    '}',
    '',
  ].join('\n');
}
