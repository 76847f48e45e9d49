import { describe, expect, it } from 'vitest';
import { progressView } from './job-progress';

describe('progressView', () => {
  it('names the step and gives the fraction done', () => {
    expect(progressView({ phase: 'read', source: 2, sources: 4, name: 'app.tar' })).toEqual({ text: 'Reading drive 2 of 4 (app.tar)', fraction: 0.25 });
    expect(progressView({ phase: 'layer', layer: 3, layers: 3, layerName: 'sha256:abc' })).toEqual({ text: 'Applying layer 3 of 3 (sha256:abc)', fraction: 2 / 3 });
    expect(progressView({ phase: 'write', bytesWritten: 3 << 20, totalBytes: 12 << 20 })).toEqual({ text: 'Writing the ext2 drive: 3.0 of 12.0 MiB', fraction: 0.25 });
    expect(progressView({ phase: 'store', doneBytes: 0, totalBytes: 0 }).fraction).toBe(0);
  });
});
