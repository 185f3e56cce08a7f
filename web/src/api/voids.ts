import type { VoidList, VoidStatus } from '../../../server/contracts/voids';
import { apiRequest } from './client';

export type { VoidList, VoidStatus };

export const fetchVoids = (status: VoidStatus, hours = 24, limit = 10) =>
  apiRequest<VoidList>(`/api/voids?status=${status}&hours=${hours}&limit=${limit}`);
