/**
 * The web server types a certificate can be downloaded or ordered for, as select choices.
 */
import { SERVER_TYPES, type ServerType } from '../../../preload/api.ts';
import { plainOptions, type SelectOption } from './select-field.tsx';

export const SERVER_TYPE_OPTIONS: readonly SelectOption<ServerType>[] = plainOptions(SERVER_TYPES);
