// npm run eval: precision and recall of the curated rules on the labelled suite, per format; exit 1 below 1.0.
import { evaluate, perfect, renderScores } from './eval-lib.js';

const scores = await evaluate();
process.stdout.write(renderScores(scores));
process.exitCode = perfect(scores) ? 0 : 1;
