import { useCallback, useState } from 'react';

/**
 * The state of one API call a screen makes on a click: `busy` while it runs, `failure`
 * (the error, for `ApiErrorAlert`) when it failed. `attempt` clears the last failure,
 * runs the call and tells whether it succeeded.
 */
export function useApiCall() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const attempt = useCallback(async (call: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      await call();
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failure, setFailure, attempt };
}
