import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiGet, takeTokenFromUrl, type Stats } from './api.js';
import { useRoute } from './router.js';
import { Analytics } from './views/Analytics.js';
import { SessionReplay } from './views/SessionReplay.js';
import { SessionsList } from './views/SessionsList.js';
import './styles.css';

const THEME_KEY = 'agent-trace-theme';

const initialTheme = (): 'dark' | 'light' => {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'dark' || saved === 'light') return saved;
  return matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
};

function App() {
  const route = useRoute();
  const [theme, setTheme] = useState(initialTheme);
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    localStorage.setItem(THEME_KEY, theme);
  }, [theme]);
  useEffect(() => {
    apiGet<Stats>('/stats').then(setStats, () => setStats(null));
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const tag = (e.target as HTMLElement).tagName;
      if (tag === 'INPUT' || tag === 'SELECT' || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 't') setTheme((t) => (t === 'dark' ? 'light' : 'dark'));
      else if (e.key === 'g') location.hash = '#/sessions';
      else if (e.key === 'a') location.hash = '#/analytics';
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      {stats?.demo && (
        <div class="demo-banner" role="status" data-testid="demo-banner">
          DEMO DATA — generated sample sessions, not yours. Run `agent-trace serve` without --demo for your own.
        </div>
      )}
      <nav class="topbar" aria-label="Main">
        <a class="brand" href="#/sessions">agent-trace</a>
        <a href="#/sessions" class={route.view !== 'analytics' ? 'on' : ''} aria-current={route.view !== 'analytics' ? 'page' : undefined}>
          Sessions <kbd>g</kbd>
        </a>
        <a href="#/analytics" class={route.view === 'analytics' ? 'on' : ''} aria-current={route.view === 'analytics' ? 'page' : undefined}>
          Cost &amp; health <kbd>a</kbd>
        </a>
        <span class="spacer" />
        {stats && <span class="muted small">{formatCount(stats.sessions)} sessions · {formatCount(stats.spans)} spans · privacy tier {stats.privacyTier}</span>}
        <button type="button" class="icon" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label="Toggle theme (t)" data-testid="theme-toggle">
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </nav>
      <main>
        {route.view === 'sessions' && <SessionsList />}
        {route.view === 'session' && <SessionReplay id={route.id} span={route.span} />}
        {route.view === 'analytics' && <Analytics />}
      </main>
    </>
  );
}

const formatCount = (n: number): string => new Intl.NumberFormat('en-US').format(n);

takeTokenFromUrl();
const root = document.getElementById('app');
if (root) render(<App />, root);
