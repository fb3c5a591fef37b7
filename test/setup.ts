/**
 * fast-check's seed. Locally every run draws new cases (fast-check's default), so the properties keep exploring;
 * in CI (CI=true) the seed is fixed, so that a run is reproducible and a red build means a change broke
 * something, not a rare draw. FC_SEED=n reproduces any run; a failing property prints its seed and path.
 */
import fc from "fast-check";

const given = process.env.FC_SEED;
if (given !== undefined && given !== "") fc.configureGlobal({ seed: Number(given) });
else if (process.env.CI) fc.configureGlobal({ seed: 20261128 });
