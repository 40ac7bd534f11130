// API tokens. These modules take a Prisma client, so CLIs can use them; the app uses ./queries.
export { ANY_TOPIC, allowsTopic, describeScope, isReservedTopic } from "./scope";
export {
  MAX_NAME_LENGTH,
  MAX_SCOPE_TOPICS,
  newTokenSchema,
  type NewToken,
  type NewTokenInput,
} from "./schema";
export {
  TOKEN_PATTERN,
  TOKEN_PREFIX,
  displayPrefix,
  generateSecret,
  hashSecret,
  looksLikeToken,
} from "./secret";
export {
  LAST_USED_RESOLUTION_MS,
  createToken,
  listTokens,
  revokeToken,
  verifyToken,
  type RevokeResult,
  type TokenClient,
  type TokenSummary,
  type VerifiedToken,
} from "./store";
