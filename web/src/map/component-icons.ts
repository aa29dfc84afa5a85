/**
 * Symbols for the major classes, drawn on a canvas in the browser and registered with
 * `map.addImage` — the offline style has no sprite to fetch.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { majorClasses, majorIconName, type MajorClassStyle } from './major-classes.ts';

const size = 28; // device pixels; registered at pixelRatio 2, so 14 CSS pixels

/** Adds one symbol per major class to the map's images (once per style). */
export function addComponentIcons(map: MapLibreMap): void {
  for (const style of majorClasses) {
    const name = majorIconName(style.code);
    if (map.hasImage(name)) continue;
    const image = drawSymbol(style);
    if (image) map.addImage(name, image, { pixelRatio: 2 });
  }
}

function drawSymbol(style: MajorClassStyle): ImageData | undefined {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  context.beginPath();
  tracePath(context, style.shape, size / 2, size / 2, size / 2 - 3);
  context.closePath();
  context.fillStyle = style.color;
  context.fill();
  context.lineWidth = 2.5;
  context.strokeStyle = '#ffffff';
  context.stroke();
  return context.getImageData(0, 0, size, size);
}

function tracePath(context: CanvasRenderingContext2D, shape: MajorClassStyle['shape'], x: number, y: number, r: number): void {
  const polygon = (corners: number, radius: number, rotation: number, inner?: number) => {
    const steps = inner ? corners * 2 : corners;
    for (let i = 0; i < steps; i++) {
      const angle = rotation + (i * 2 * Math.PI) / steps;
      const reach = inner && i % 2 === 1 ? inner : radius;
      const px = x + reach * Math.cos(angle);
      const py = y + reach * Math.sin(angle);
      if (i === 0) context.moveTo(px, py);
      else context.lineTo(px, py);
    }
  };
  switch (shape) {
    case 'circle':
      context.arc(x, y, r * 0.9, 0, 2 * Math.PI);
      break;
    case 'square':
      context.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6);
      break;
    case 'triangle':
      polygon(3, r, -Math.PI / 2);
      break;
    case 'diamond':
      polygon(4, r, -Math.PI / 2);
      break;
    case 'hexagon':
      polygon(6, r * 0.95, 0);
      break;
    case 'star':
      polygon(5, r, -Math.PI / 2, r * 0.5);
      break;
  }
}
