import { useEffect } from 'react';
import { api } from '../api/client';
import { useAuth } from '../auth/useAuth';
import { useI18n } from './useI18n';

/**
 * Applies the signed-in user's language, kept on the server, once per sign-in: the
 * choice follows the user from one browser or phone to the next.
 */
export function LanguagePreferenceSync() {
  const { user } = useAuth();
  const { setLanguage } = useI18n();
  const userId = user?.id;
  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    api
      .preferences(controller.signal)
      .then((prefs) => {
        if (prefs.language) setLanguage(prefs.language);
      })
      .catch(() => undefined); // the local choice stays; nothing to tell the user
    return () => controller.abort();
  }, [userId, setLanguage]);
  return null;
}
