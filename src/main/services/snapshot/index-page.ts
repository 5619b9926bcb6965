import type { RegistryKey, TimelineEvent, ZabbixProblem, ZabbixSeries } from '../../../shared/domain';

export interface IndexData {
  from: number;
  to: number;
  createdAt: number;
  createdBy: string;
  services: string[];
  timeline: TimelineEvent[];
  problems: ZabbixProblem[];
  registry: RegistryKey[];
  containers: Array<{ engine: string; name: string; state: string; image: string; file: string }>;
  logs: Array<{ service: string; file: string; lines: number }>;
  charts: ZabbixSeries[];
  notes: string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');

/** A small inline SVG line chart with gaps (no script, no external resources). */
function sparkline(series: ZabbixSeries, from: number, to: number): string {
  const values = series.points.filter((p) => p[1] !== null).map((p) => p[1] as number);
  if (values.length === 0) return '<em>no data in the window</em>';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (t: number) => ((t - from) / (to - from)) * 600;
  const y = (v: number) => 60 - (max === min ? 30 : ((v - min) / (max - min)) * 56) - 2;
  let d = '';
  let pen = false;
  for (const [t, v] of series.points) {
    if (v === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)} `;
    pen = true;
  }
  return `<svg viewBox="0 0 600 60" width="600" height="60" role="img" aria-label="${esc(series.name)}"><path d="${d}" fill="none" stroke="#4f8cff" stroke-width="1.5"/></svg><span class="range">${min} – ${max} ${esc(series.units)}</span>`;
}

/** The bundle's index.html: readable offline, every part linked. */
export function renderIndexPage(data: IndexData): string {
  const rows = (items: string[]) => items.join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Incident snapshot ${esc(time(data.from))} – ${esc(time(data.to))}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px 32px;color:#1d2330;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef1f5;vertical-align:top}
th{background:#f5f7fa;font-weight:600}code,.mono{font-family:ui-monospace,monospace;font-size:12px}
.sev-error{color:#c62828;font-weight:600}.sev-warning{color:#b26a00}.sev-info{color:#44546a}
.meta{color:#5b6675}.group{color:#7a3ec2;font-family:ui-monospace,monospace;font-size:12px}.range{color:#5b6675;font-size:12px;margin-left:8px}
ul{padding-left:20px}
</style></head><body>
<h1>Incident snapshot</h1>
<p class="meta">Window ${esc(time(data.from))} – ${esc(time(data.to))} · created ${esc(time(data.createdAt))} by ${esc(data.createdBy)} · services: ${esc(data.services.join(', ') || 'none chosen')}. Secrets are masked (••••••).</p>
<h2>Contents</h2>
<ul>
<li><a href="#timeline">Timeline</a> (${data.timeline.length} events) · <a href="timeline.json">timeline.json</a></li>
<li><a href="#problems">Active problems</a> (${data.problems.length}) · <a href="problems.json">problems.json</a></li>
<li><a href="#registry">Registry state</a> (${data.registry.length} keys) · <a href="registry.json">registry.json</a></li>
<li><a href="#containers">Containers</a> (${data.containers.length}) · inspect data in <code>containers/</code></li>
<li><a href="#logs">Logs</a> (${data.logs.length} services) in <code>logs/</code></li>
<li><a href="#charts">Charts</a> (${data.charts.length} series) · <a href="charts.json">charts.json</a></li>
</ul>
${data.notes.length ? `<p class="meta">${data.notes.map(esc).join('<br>')}</p>` : ''}
<h2 id="timeline">Timeline</h2>
<table><thead><tr><th>Time (UTC)</th><th>Source</th><th>What</th><th>Service</th><th>Linked</th></tr></thead><tbody>
${rows(data.timeline.map((e) => `<tr><td class="mono">${esc(time(e.at))}</td><td>${esc(e.kind)}</td><td class="sev-${e.severity}">${esc(e.title)}</td><td>${esc(e.service ?? '')}</td><td class="group">${esc(e.group ? e.group.slice(-12) : '')}</td></tr>`))}
</tbody></table>
<h2 id="problems">Active problems</h2>
<table><thead><tr><th>Since</th><th>Severity</th><th>Problem</th><th>Hosts</th><th>Acknowledged</th></tr></thead><tbody>
${rows(data.problems.map((p) => `<tr><td class="mono">${esc(time(p.clock))}</td><td>${p.severity}</td><td>${esc(p.name)}</td><td>${esc(p.hosts.map((h) => h.name).join(', '))}</td><td>${p.acknowledged ? 'yes' : 'no'}</td></tr>`))}
</tbody></table>
<h2 id="registry">Registry state</h2>
<table><thead><tr><th>Key</th><th>Value</th><th>Lease</th><th>Modified at revision</th></tr></thead><tbody>
${rows(data.registry.map((k) => `<tr><td class="mono">${esc(k.key)}</td><td class="mono">${esc(k.valueKind === 'binary' ? `(binary, ${k.size} bytes)` : k.value.slice(0, 200))}</td><td class="mono">${esc(k.lease)}</td><td class="mono">${esc(k.modRevision)}</td></tr>`))}
</tbody></table>
<h2 id="containers">Containers</h2>
<table><thead><tr><th>Engine</th><th>Name</th><th>State</th><th>Image</th><th>Inspect</th></tr></thead><tbody>
${rows(data.containers.map((c) => `<tr><td>${esc(c.engine)}</td><td class="mono">${esc(c.name)}</td><td>${esc(c.state)}</td><td class="mono">${esc(c.image)}</td><td><a href="${esc(c.file)}">${esc(c.file)}</a></td></tr>`))}
</tbody></table>
<h2 id="logs">Logs</h2>
<ul>${rows(data.logs.map((l) => `<li><a href="${esc(l.file)}">${esc(l.service)}</a> — ${l.lines} lines, merged in time order, host/container on each line</li>`))}</ul>
<h2 id="charts">Charts</h2>
${rows(data.charts.map((s) => `<p><strong>${esc(s.name)}</strong> <span class="meta">(${esc(s.source)})</span><br>${sparkline(s, data.from, data.to)}</p>`))}
</body></html>
`;
}
