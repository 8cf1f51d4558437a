// Every /api/v1 operation, for the OpenAPI document and the tests that hold the routes to it. A new
// operation in one of these files is registered by being exported.
import type { Operation } from "@/lib/api/operation";
import * as reviews from "./access-reviews";
import * as audit from "./audit";
import * as decisions from "./authorize";
import * as catalog from "./catalog";
import * as changes from "./changes";
import * as discovery from "./discovery";
import * as exceptions from "./exceptions";
import * as exports from "./export";
import * as findings from "./findings";
import * as grants from "./grants";
import * as imports from "./import";
import * as incidents from "./incidents";
import * as policy from "./policy";
import * as search from "./search";
import * as system from "./system";
import * as tools from "./tools";
import * as users from "./users";
import * as webhooks from "./webhooks";

export const API_OPERATIONS: readonly Operation[] = [system, users, catalog, tools, policy, grants, reviews, findings, exceptions, incidents, changes, decisions, discovery, audit, exports, imports, webhooks, search].flatMap(
  (module) => Object.values(module) as Operation[],
);
