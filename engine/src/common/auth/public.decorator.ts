/** Kept for existing imports: `@Public()` is one of the route policies. */
export { Public } from '../policy/route-policy';
