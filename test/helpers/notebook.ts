// Notebooks as test input: cells in, the `.ipynb` text Jupyter would write out.

export type Cell = { cell_type: 'code' | 'markdown'; source: string | string[]; outputs?: unknown[] };

/** A notebook as Jupyter writes it (one-space indent, list sources, trailing newline). */
export function notebook(cells: Cell[], indent: number | string = 1, metadata: object = { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } }): string {
  const full = cells.map((c, i) => (c.cell_type === 'code'
    ? { cell_type: 'code', execution_count: i + 1, id: `c${i}`, metadata: { tags: [] }, outputs: c.outputs ?? [], source: c.source }
    : { cell_type: 'markdown', id: `c${i}`, metadata: {}, source: c.source }));
  return `${JSON.stringify({ cells: full, metadata, nbformat: 4, nbformat_minor: 5 }, null, indent)}\n`;
}

/** A cell source as a list of lines, as Jupyter stores it. */
export const lines = (text: string) => text.split(/(?<=\n)/);
