// Every server a unit test builds in-process shares the test's event loop. On a loaded machine that loop
// stalls past the 2 s shedding threshold and the server answers 503 to the test's own requests (three files
// failed so at load 15 on 6 December). Shedding is off for them; tests/unit/server/limits-api.test.ts turns
// it on with its own threshold, and production reads DEFAULT_LIMITS unchanged.
import { DEFAULT_LIMITS } from '../../../server/limits.ts';

DEFAULT_LIMITS.maxEventLoopDelayMs = 0;
