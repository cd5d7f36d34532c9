export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const MAX_ENTITY_NAME = 200;
export const MAX_S3_KEY_BYTES = 1024;
