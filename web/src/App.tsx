/**
 * The shell: header, sign-in, the role's navigation and its pages. Holds only the language and the
 * session; each page owns its own state.
 */
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AppHeader } from './components/AppHeader.tsx';
import { AppNav } from './components/AppNav.tsx';
import { LoginPage } from './components/LoginPage.tsx';
import { t } from './i18n.ts';
import { CasesPage } from './pages/cases/CasesPage.tsx';
import { DashboardPage } from './pages/dashboard/DashboardPage.tsx';
import { DepartmentPage } from './pages/department/DepartmentPage.tsx';
import { MapPage } from './pages/map/MapPage.tsx';
import { homeFor, pagesFor, type PageId } from './pages/navigation.ts';
import type { PageProps } from './pages/page-props.ts';
import { SurveysPage } from './pages/surveys/SurveysPage.tsx';
import { useSession } from './session/use-session.ts';
import { useHealth } from './state/use-health.ts';
import { useLocale } from './state/use-locale.ts';

const pageComponents: Record<PageId, (props: PageProps) => React.JSX.Element> = {
  map: MapPage,
  cases: CasesPage,
  department: DepartmentPage,
  surveys: SurveysPage,
  dashboard: DashboardPage,
};

export function App() {
  const [locale, setLocale] = useLocale();
  const health = useHealth();
  const { state, signIn, signOut } = useSession();

  return (
    <BrowserRouter>
      <div className="app">
        <AppHeader locale={locale} health={health} onLocaleChange={setLocale} />
        {state.status === 'loading' && <p className="session-loading">{t(locale, 'session.loading')}</p>}
        {state.status === 'signed-out' && <LoginPage locale={locale} error={state.error} onSignIn={signIn} />}
        {state.status === 'signed-in' && (
          <div className="app-body">
            <AppNav locale={locale} session={state.session} onSignOut={signOut} />
            <main className="app-main">
              <Routes>
                {pagesFor(state.session.user.role).map(({ id, path }) => {
                  const Page = pageComponents[id];
                  return <Route key={id} path={path} element={<Page locale={locale} session={state.session} />} />;
                })}
                <Route path="*" element={<HomeRedirect home={homeFor(state.session.user.role)} />} />
              </Routes>
            </main>
          </div>
        )}
      </div>
    </BrowserRouter>
  );
}

/** Sends any other address to the role's home page, keeping a `#zoom/lat/lng` map link. */
function HomeRedirect({ home }: { home: string }) {
  const { hash } = useLocation();
  return <Navigate to={{ pathname: home, hash }} replace />;
}
