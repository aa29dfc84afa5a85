/** The role's pages as links, who is signed in, and sign out. */
import { NavLink } from 'react-router';
import { nameField, t, type Locale, type MessageKey } from '../i18n.ts';
import { pagesFor } from '../pages/navigation.ts';
import type { Session } from '../session/use-session.ts';

export interface AppNavProps {
  locale: Locale;
  session: Session;
  onSignOut(): void;
}

export function AppNav({ locale, session, onSignOut }: AppNavProps) {
  const { user, department } = session;
  return (
    <nav className="app-nav" aria-label={t(locale, 'nav.label')} data-testid="app-nav">
      <ul>
        {pagesFor(user.role).map((page) => (
          <li key={page.id}>
            <NavLink to={page.path} data-testid={`nav-${page.id}`}>
              {t(locale, `nav.${page.id}` as MessageKey)}
            </NavLink>
          </li>
        ))}
      </ul>
      <div className="nav-user" data-testid="nav-user">
        <span>{user.display_name ?? user.username}</span>
        <span className="nav-role">
          {t(locale, `role.${user.role}` as MessageKey)}
          {department ? ` · ${department[nameField(locale)]}` : ''}
        </span>
        <button type="button" onClick={onSignOut} data-testid="sign-out">
          {t(locale, 'nav.signOut')}
        </button>
      </div>
    </nav>
  );
}
