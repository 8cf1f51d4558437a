-- A trigram index on a column looked up by equality (a tool's slug, a change's CI/CD id) was chosen by
-- the planner for `slug = …` instead of the unique B-tree: 7 ms a lookup instead of a few
-- microseconds, which took the decision point from about 5,900 answers a second to 180. The search
-- reads these two columns without an index; names, vendors and services keep theirs.
DROP INDEX IF EXISTS "AiTool_slug_trgm_idx";

DROP INDEX IF EXISTS "Change_externalId_trgm_idx";
