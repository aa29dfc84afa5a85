/** The sign-in form: user name and password; the server's refusal is shown as it says it. */
import { useState, type FormEvent } from 'react';
import { t, type Locale } from '../i18n.ts';

export interface LoginPageProps {
  locale: Locale;
  error?: string;
  onSignIn(username: string, password: string): Promise<void>;
}

export function LoginPage({ locale, error, onSignIn }: LoginPageProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSignIn(username, password);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form className="login-form" onSubmit={submit} data-testid="login-form" aria-labelledby="login-title">
        <h1 id="login-title">{t(locale, 'login.title')}</h1>
        <label>
          {t(locale, 'login.username')}
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} data-testid="login-username" />
        </label>
        <label>
          {t(locale, 'login.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="login-submit">
          {busy ? t(locale, 'login.busy') : t(locale, 'login.submit')}
        </button>
      </form>
    </main>
  );
}
