// The shortest path suffix that tells each open tab apart: "counts", or "a/counts" beside "b/counts".
export function tabLabels(paths: string[]): string[] {
  return paths.map((path) => {
    const parts = path.split('/');
    for (let n = 1; n < parts.length; n++) {
      const label = parts.slice(-n).join('/');
      if (paths.every((other) => other === path || !`/${other}`.endsWith(`/${label}`))) return label;
    }
    return path;
  });
}
