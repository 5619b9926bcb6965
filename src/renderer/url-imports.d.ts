/** Vite's `?url` imports: the built file's URL (e.g. a script a Web Worker loads as is). */
declare module '*?url' {
  const url: string;
  export default url;
}
