import type Sigma from 'sigma';
import type { NodeAttributes } from './data.ts';

/** One arrow-key press pans by this share of the visible width. */
const PAN_STEP = 0.15;

/**
 * Buttons and keys for zoom and pan, so that moving around needs neither the pointer nor the
 * canvas. Without a renderer the buttons are disabled.
 */
export function bindCameraControls(root: HTMLElement, stage: HTMLElement, renderer: Sigma<NodeAttributes> | undefined): void {
  const camera = renderer?.getCamera();
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-graph-zoom]')) {
    button.disabled = !camera;
    button.addEventListener('click', () => {
      if (!camera) return;
      const action = button.dataset.graphZoom;
      if (action === 'in') void camera.animatedZoom({ duration: 250 });
      else if (action === 'out') void camera.animatedUnzoom({ duration: 250 });
      else void camera.animatedReset({ duration: 300 });
    });
  }
  stage.addEventListener('keydown', (event) => {
    if (!camera) return;
    const { x, y, ratio } = camera.getState();
    const step = PAN_STEP * ratio;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => void camera.animate({ x: x - step }, { duration: 150 }),
      ArrowRight: () => void camera.animate({ x: x + step }, { duration: 150 }),
      ArrowUp: () => void camera.animate({ y: y + step }, { duration: 150 }),
      ArrowDown: () => void camera.animate({ y: y - step }, { duration: 150 }),
      '+': () => void camera.animatedZoom({ duration: 200 }),
      '=': () => void camera.animatedZoom({ duration: 200 }),
      '-': () => void camera.animatedUnzoom({ duration: 200 }),
      '0': () => void camera.animatedReset({ duration: 250 }),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
    }
  });
}
