import { open } from 'node:fs/promises';
import { RecordBatchReader, type Vector } from 'apache-arrow';
import { ArrowFileWriter } from './arrowWriter';
import { BatchCoalescer } from './batchCoalescer';
import type { ColumnData, ColumnKind, ColumnSpec } from './columnData';

/**
 * Returns an Arrow vector's values as column data for the writer: numeric
 * columns without nulls as a typed array, others as a plain array with
 * nulls, which the writer encodes to the same bytes as the original.
 */
export function vectorValues(v: Vector, kind: ColumnKind): ColumnData {
  if (kind !== 'utf8' && kind !== 'bool' && v.nullCount === 0) return v.toArray() as ColumnData;
  return Array.from({ length: v.length }, (_, i) => v.get(i)) as ColumnData;
}

/**
 * Rewrites the Arrow IPC file `src` (of `columns`) as `dest`, its record
 * batches gathered the way a `BatchCoalescer` gathers them when handed the
 * same batches in order, so the result is byte for byte what writing those
 * batches through a coalescer gives. Streams: holds one gathered batch at a
 * time. Resolves once `dest` is closed; `src` is left as it is.
 */
export async function compactArrowFile(src: string, dest: string, columns: ColumnSpec[]): Promise<void> {
  const handle = await open(src, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    const writer = await ArrowFileWriter.open(dest, columns, undefined, { exclusive: true });
    try {
      const batches = new BatchCoalescer(writer, columns);
      for await (const batch of reader) {
        const data: Record<string, ColumnData> = {};
        for (const c of columns) data[c.name] = vectorValues(batch.getChild(c.name)!, c.kind);
        await batches.add(data, batch.numRows);
      }
      await batches.flush();
      await writer.close();
    } catch (e) {
      await writer.abort();
      throw e;
    }
  } finally {
    await handle.close();
  }
}
