// Runs webpack on a configuration for the build tests (addin/build's plugins on a tiny project); rejects with the
// compilation's errors.
import webpack from 'webpack';

export function buildWebpack(config: webpack.Configuration): Promise<webpack.Stats> {
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (!stats || stats.hasErrors()) return reject(new Error(stats?.toString('errors-only')));
      resolve(stats);
    }),
  );
}
