/**
 * Row windowing for the bundle table: only the rows inside the scroll viewport (plus a little overscan) are
 * rendered, so thousands of bundles scroll as smoothly as ten. Rows have one fixed height.
 */
export interface VisibleRange {
  /** First rendered row (inclusive). */
  readonly start: number;
  /** One past the last rendered row. */
  readonly end: number;
  /** Height of the empty space above the first rendered row, in pixels. */
  readonly paddingTopPx: number;
  /** Height of the empty space below the last rendered row, in pixels. */
  readonly paddingBottomPx: number;
}

export function visibleRange(
  scrollTopPx: number,
  viewportHeightPx: number,
  rowHeightPx: number,
  rowCount: number,
  overscanRows = 8,
): VisibleRange {
  const firstVisible = Math.floor(Math.max(0, scrollTopPx) / rowHeightPx);
  const visibleCount = Math.ceil(Math.max(0, viewportHeightPx) / rowHeightPx) + 1;
  const start = Math.max(0, Math.min(rowCount, firstVisible - overscanRows));
  const end = Math.max(start, Math.min(rowCount, firstVisible + visibleCount + overscanRows));
  return {
    start,
    end,
    paddingTopPx: start * rowHeightPx,
    paddingBottomPx: (rowCount - end) * rowHeightPx,
  };
}
