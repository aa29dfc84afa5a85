/** What every page receives from the shell: the language and who is signed in. */
import type { Locale } from '../i18n.ts';
import type { Session } from '../session/use-session.ts';

export interface PageProps {
  locale: Locale;
  session: Session;
}
