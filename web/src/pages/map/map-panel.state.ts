/**
 * What the side panel of the map shows: nothing, a message, the pick-list of a click that hit
 * several components, one component's card, or the components a box or lasso selected.
 * A card opened from a list remembers the list, so "back" returns to it.
 */
import { useCallback, useReducer } from 'react';
import type { Schema } from '../../api/api-client.ts';
import type { MapMessage } from './map.messages.ts';

export type NearbyComponent = Schema<'NearbyComponents'>['features'][number];
export type ComponentFeature = Schema<'ComponentFeature'>;

export type ListPanel =
  | { kind: 'pick'; components: NearbyComponent[] }
  | { kind: 'selection'; components: ComponentFeature[]; truncated: boolean };

export type MapPanel =
  | { kind: 'closed' }
  | { kind: 'loading' }
  | { kind: 'message'; message: MapMessage; detail?: string }
  | ListPanel
  /** `preview`: what the click already knows (from /nearby), shown until the card has loaded */
  | { kind: 'card'; code: string; from?: ListPanel; preview?: ComponentFeature['properties'] };

type Action = { type: 'show'; panel: MapPanel } | { type: 'open-card'; code: string } | { type: 'back' } | { type: 'close' };

function reduce(panel: MapPanel, action: Action): MapPanel {
  switch (action.type) {
    case 'show':
      return action.panel;
    case 'open-card': {
      // a card opened from a list can go back to it, and starts from what the list knows
      const from = panel.kind === 'pick' || panel.kind === 'selection' ? panel : panel.kind === 'card' ? panel.from : undefined;
      const preview = from?.components.find((c) => c.properties.code === action.code)?.properties;
      return { kind: 'card', code: action.code, from, preview };
    }
    case 'back':
      return panel.kind === 'card' && panel.from ? panel.from : { kind: 'closed' };
    case 'close':
      return { kind: 'closed' };
  }
}

export interface MapPanelStore {
  panel: MapPanel;
  show(panel: MapPanel): void;
  openCard(code: string): void;
  back(): void;
  close(): void;
}

export function useMapPanel(initial: MapPanel = { kind: 'closed' }): MapPanelStore {
  const [panel, dispatch] = useReducer(reduce, initial);
  return {
    panel,
    show: useCallback((next: MapPanel) => dispatch({ type: 'show', panel: next }), []),
    openCard: useCallback((code: string) => dispatch({ type: 'open-card', code }), []),
    back: useCallback(() => dispatch({ type: 'back' }), []),
    close: useCallback(() => dispatch({ type: 'close' }), []),
  };
}
