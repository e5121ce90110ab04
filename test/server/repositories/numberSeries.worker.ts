// Child process for numberSeries.test.ts: allocates N numbers concurrently and prints them as JSON.
import { openDatabase } from '../../../server/repositories/db.js';
import { NumberSeries, SERIES } from '../../../server/repositories/numberSeries.js';

const [uri, dbName, count, seriesName] = process.argv.slice(2) as [
  string,
  string,
  string,
  keyof typeof SERIES,
];
const db = await openDatabase(uri, { dbName });
const series = new NumberSeries(db.models, `worker-${process.pid}`);
const numbers = await Promise.all(
  Array.from({ length: Number(count) }, () => series.next(SERIES[seriesName])),
);
process.stdout.write(JSON.stringify(numbers));
await db.close();
