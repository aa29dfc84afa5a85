/** The search box: a component code or a grid name, with the grid matches as a list to choose from. */
import { useId, useState } from 'react';
import { nameField, type Locale } from '../../i18n.ts';
import type { GridMatch, SearchResult } from './map-search.state.ts';
import { tr } from './map.messages.ts';

export interface MapSearchProps {
  locale: Locale;
  result: SearchResult;
  onSearch(query: string): void;
  onGrid(match: GridMatch): void;
}

export function MapSearch({ locale, result, onSearch, onGrid }: MapSearchProps) {
  const [query, setQuery] = useState('');
  const inputId = useId();
  return (
    <div className="map-search">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          onSearch(query);
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          {tr(locale, 'search')}
        </label>
        <input
          id={inputId}
          type="search"
          data-testid="map-search"
          value={query}
          placeholder={tr(locale, 'searchPlaceholder')}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
        />
        <button type="submit" data-testid="map-search-submit" disabled={result.kind === 'busy'}>
          {tr(locale, 'searchSubmit')}
        </button>
      </form>
      {result.kind === 'grids' && (
        <ul className="search-results" data-testid="search-results" aria-label={tr(locale, 'searchResults')}>
          {result.matches.map((match) => (
            <li key={match.grid.code}>
              <button type="button" data-testid="search-grid" onClick={() => onGrid(match)}>
                {match.grid[nameField(locale)] || match.grid.name_zh}
              </button>
            </li>
          ))}
        </ul>
      )}
      {result.kind === 'none' && (
        <p className="search-message" role="status">
          {tr(locale, 'searchNone', { query: result.query })}
        </p>
      )}
      {result.kind === 'error' && (
        <p className="search-message map-panel-error" role="alert">
          {tr(locale, 'error', { message: result.message })}
        </p>
      )}
    </div>
  );
}
