export { BlobStore, type StoredBlob } from './blob-store';
export type { MaterialErrorCode } from './errors';
export { MAX_NAME_LENGTH, NAME_HEADER } from './material-name';
export { bytesText, type MaterialRoutesDeps, materialRoutes, type UploadView } from './routes';
export { claimedType, MATERIAL_TYPES, type MaterialType, sniffType } from './sniff';
export { type NewUpload, type Upload, Uploads } from './uploads';
