// The PostgreSQL extensions every PGlite database of Orderline loads: the migrations create them
// (012: pg_trgm for History's search), so whatever opens the data directory must load them too.
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export const PGLITE_EXTENSIONS = { pg_trgm };
