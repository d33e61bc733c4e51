import { area } from './areas.mjs';

export default area('token');
