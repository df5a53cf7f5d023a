// The wire format shared by the server and the CLI's embedded mode: the response schemas, domain → DTO mapping,
// the error-code → status table and problem bodies. Private: bundled into whatever uses it, never published.
export { ERROR_STATUS, TITLES, WIRE_ERROR_CODES, type WireErrorCode } from "./error-status.js";
export { HTTP_ERROR_CODES, HttpError, type HttpErrorCode } from "./http-error.js";
export { isoTime } from "./iso-time.js";
export { internalProblem, libraryProblem, problem, type MappedError, type Problem } from "./problem.js";
export {
  ArtifactDto,
  ArtifactPageDto,
  DeploymentSetDto,
  DeploymentSetPageDto,
  DeploymentSetWithMembersDto,
  DeployReportDto,
  GroupDto,
  GroupPageDto,
  MemberDto,
  MissingReferenceDto,
  ProjectInventoryDto,
  ResolutionDto,
  SetDeploymentDto,
  StatusDto,
} from "./responses.js";
export {
  artifactDto,
  deployReportDto,
  groupDto,
  inventoryDto,
  memberDto,
  pageDto,
  resolutionDto,
  setDeploymentDto,
  setDto,
  setWithMembersDto,
} from "./to-dto.js";
