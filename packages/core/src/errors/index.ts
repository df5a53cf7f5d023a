export { DeploymentSetsError, isDeploymentSetsError, hasErrorCode } from "./deployment-sets-error.js";
export { ERROR_CODES, type ErrorCode, type ErrorDataByCode, type FieldError } from "./error-codes.js";
export {
  ValidationError,
  SetNotFoundError,
  MemberNotFoundError,
  UnknownReferenceError,
  DuplicateMemberError,
  CycleDetectedError,
  DepthLimitExceededError,
  TooManyMembersError,
  ProjectPathInvalidError,
  ProjectPathForbiddenError,
  DeployDisabledError,
  ProjectUnavailableError,
  StorageUnavailableError,
  InternalError,
} from "./errors.js";
