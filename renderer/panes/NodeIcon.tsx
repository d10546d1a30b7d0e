// Small glyphs that tell folder / map / program / link / symlink apart at a glance.
import type { NodeKind } from '../../shared/engine.js';

const GLYPHS: Record<NodeKind, { glyph: string; title: string }> = {
  dir: { glyph: '▸', title: 'folder' },
  map: { glyph: '▦', title: 'map' },
  prog: { glyph: 'λ', title: 'program' },
  link: { glyph: '⛓', title: 'link' },
  symlink: { glyph: '↪', title: 'symlink' },
};

export function NodeIcon({ kind, open }: { kind: NodeKind; open?: boolean }) {
  const { glyph, title } = GLYPHS[kind];
  return (
    <span className={`node-icon node-icon-${kind}`} aria-hidden="true" title={title}>
      {kind === 'dir' && open ? '▾' : glyph}
    </span>
  );
}
