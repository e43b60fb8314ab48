/**
 * The projector's join panel: the code in letters a back row can read, a QR code made
 * here in the browser (no outside service), and the address to type.
 */
import { button, h } from './dom';

export function joinAddress(code: string): string {
  return `${location.origin}/?code=${encodeURIComponent(code)}`;
}

export class JoinPanel {
  readonly element: HTMLElement;
  private readonly lockButton: HTMLButtonElement;
  private readonly lockNote = h('p', { class: 'muted', 'data-testid': 'lock-state' });

  constructor(
    readonly code: string,
    onLock: (locked: boolean) => void,
  ) {
    const address = joinAddress(code);
    const qr = h('div', { class: 'qr', role: 'img', 'aria-label': `QR code for ${address}` });
    this.lockButton = button('Lock the room', () => onLock(this.lockButton.dataset.locked !== 'true'), {
      'data-testid': 'lock',
    });
    this.element = h(
      'section',
      { class: 'card join-panel', 'aria-labelledby': 'join-code-title' },
      qr,
      h(
        'div',
        { class: 'stack' },
        h('h2', { id: 'join-code-title', class: 'muted' }, 'Join at'),
        h('p', { class: 'join-url', 'data-testid': 'join-url' }, address),
        h(
          'p',
          {
            class: 'join-code',
            'data-testid': 'join-code',
            'aria-label': `Room code ${code.split('').join(' ')}`,
          },
          code,
        ),
        h('div', { class: 'row' }, this.lockButton, this.lockNote),
      ),
    );
    void import('qrcode').then(async (QRCode) => {
      const url = await QRCode.toDataURL(address, { margin: 1, width: 360, errorCorrectionLevel: 'M' });
      qr.append(h('img', { src: url, alt: '' }));
    });
  }

  setLocked(locked: boolean): void {
    this.lockButton.dataset.locked = String(locked);
    this.lockButton.textContent = locked ? 'Unlock the room' : 'Lock the room';
    this.lockButton.setAttribute('aria-pressed', String(locked));
    this.lockNote.textContent = locked ? 'Locked: nobody new can join.' : 'Open: students can join.';
  }
}
