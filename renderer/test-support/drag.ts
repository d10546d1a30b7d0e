// HTML5 drag and drop in jsdom: a DataTransfer stub and a drag from one element onto another.
import { createEvent, fireEvent } from '@testing-library/react';

export function dataTransferStub(): DataTransfer {
  const data = new Map<string, string>();
  return {
    dropEffect: 'none',
    effectAllowed: 'all',
    files: [] as unknown as FileList,
    items: [] as unknown as DataTransferItemList,
    get types() {
      return [...data.keys()];
    },
    setData: (type: string, value: string) => void data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    clearData: () => data.clear(),
    setDragImage: () => {},
  } as DataTransfer;
}

/** dragStart on `from`, dragOver and drop on `to` (with Ctrl held when `ctrl`), dragEnd on `from`. */
export function dragAndDrop(from: Element, to: Element, opts: { ctrl?: boolean } = {}): void {
  const dataTransfer = dataTransferStub();
  fireEvent.dragStart(from, { dataTransfer });
  const over = createEvent.dragOver(to, { dataTransfer });
  const drop = createEvent.drop(to, { dataTransfer });
  // jsdom has no DragEvent, so the modifier is set on the event itself.
  for (const e of [over, drop]) Object.defineProperty(e, 'ctrlKey', { value: opts.ctrl ?? false });
  for (const e of [over, drop]) Object.defineProperty(e, 'altKey', { value: false });
  fireEvent(to, over);
  fireEvent(to, drop);
  fireEvent.dragEnd(from, { dataTransfer });
}
