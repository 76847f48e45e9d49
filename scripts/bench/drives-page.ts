/**
 * The Chromium half of `npm run bench:drives`, run in the page by scripts/bench/drives-chromium.ts: the inputs are
 * fetched from the bench server, then each job goes to the composer's own drive worker
 * (components/compose/drive-worker.ts, bundled as is) exactly as the composer sends it. Timings come from the
 * worker (read, build = lib/drives or lib/oci with the output id, store = browser store put) and from the page
 * (post to result, including copying the sources into the worker). While a job runs, the page measures how late
 * a 10 ms timer fires: the worst delay shows whether the page stayed responsive.
 */
import type { DriveJob, DriveWorkerEvent, JobResult } from '../../components/compose/drive-jobs';

interface Inputs {
  drives: Array<{ name: string; id: string; sizeBytes: number }>;
  image: { name: string; sizeBytes: number };
}

export interface PageFigure {
  label: string;
  inputBytes: number;
  outputBytes: number;
  pageMs: number;
  readMs: number;
  buildMs: number;
  storeMs: number;
  worstTimerDelayMs: number;
}

async function bytes(path: string): Promise<Uint8Array> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function runJob(job: DriveJob): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('/drive-worker.js', { type: 'module' });
    worker.onmessage = (event: MessageEvent<DriveWorkerEvent>) => {
      const message = event.data;
      if (message.kind === 'progress') return;
      worker.terminate();
      if (message.kind === 'failed') reject(new Error(`${message.failure.code}: ${message.failure.message}`));
      else if (message.kind === 'checked') reject(new Error('the bench sends no check jobs'));
      else resolve(message.result);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(job);
  });
}

async function measure(label: string, inputBytes: number, job: DriveJob): Promise<PageFigure> {
  let worst = 0;
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - expected);
    expected = now + 10;
  }, 10);
  const started = performance.now();
  try {
    const result = await runJob(job);
    return {
      label, inputBytes, outputBytes: result.sizeBytes, pageMs: performance.now() - started, worstTimerDelayMs: worst,
      readMs: result.timings.readMs, buildMs: result.timings.buildMs, storeMs: result.timings.storeMs,
    };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<PageFigure[]> {
  const inputs = (await (await fetch('/inputs.json')).json()) as Inputs;
  // Blobs, as the composer hands over the browser store's files (posting a Blob copies nothing).
  const drives = await Promise.all(inputs.drives.map(async (drive) => ({ ...drive, blob: new Blob([(await bytes(`/input/${drive.name}`)) as BlobPart]) })));
  const image = new Blob([(await bytes(`/input/${inputs.image.name}`)) as BlobPart]);
  const drivesBytes = drives.reduce((sum, drive) => sum + drive.sizeBytes, 0);
  const compose = (store: boolean): DriveJob => ({
    kind: 'compose', policy: 'error', output: { name: 'bench-composed', store },
    sources: drives.map((drive) => ({ name: drive.name, fileName: drive.name, id: drive.id, bytes: drive.blob })),
  });
  const importJob = (store: boolean): DriveJob => ({ kind: 'import', image, imageName: inputs.image.name, platform: 'linux/riscv64', output: { name: 'bench-image', store } });
  const figures: PageFigure[] = [];
  // A first, unmeasured run of each warms the JIT and the store's backends (a user's second job runs like this).
  await measure('warm-up', drivesBytes, compose(false));
  await measure('warm-up', inputs.image.sizeBytes, importJob(false));
  for (let round = 1; round <= 2; round++) {
    figures.push(await measure(`compose three drives (no store) #${round}`, drivesBytes, compose(false)));
    figures.push(await measure(`import the image (no store) #${round}`, inputs.image.sizeBytes, importJob(false)));
  }
  figures.push(await measure('compose three drives + store in OPFS', drivesBytes, compose(true)));
  figures.push(await measure('import the image + store in OPFS', inputs.image.sizeBytes, importJob(true)));
  return figures;
}

(window as unknown as { benchDrives: Promise<PageFigure[]> }).benchDrives = main();
