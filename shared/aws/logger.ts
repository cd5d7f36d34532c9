import { Logger } from '@aws-lambda-powertools/logger';

// The service name comes from POWERTOOLS_SERVICE_NAME, which the stack sets per function.
export const logger = new Logger();
