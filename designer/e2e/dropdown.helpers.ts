/**
 * The Ant Design dropdown that is open now: not hidden, and not one that closed a moment
 * ago and is still fading out (visible to Playwright, but it takes no clicks).
 */
export const OPEN_DROPDOWN =
  '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]):visible';
