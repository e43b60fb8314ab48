/**
 * Home: join a room (code + nickname), host a room, play solo, and a "Rejoin" card for
 * the last game. The form is built for a phone's keyboard: the code field capitalises
 * and never autocorrects, each field says what its Enter key does.
 */
import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  NICKNAME_MAX_LENGTH,
  type PeekView,
  PROTOCOL_VERSION,
  StudentEvent,
} from '../../../shared/protocol';
import { closeSocket, getSocket } from '../net/connection';
import { request } from '../net/socket';
import { joinRoom } from '../net/student-session';
import { navigate } from '../router';
import type { Screen } from '../screen';
import { storage } from '../storage';
import { button, focusHeading, h, replace } from './dom';
import { renderHostCreate } from './host-create';
import { announce } from './live-region';

const CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

export function normaliseCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, JOIN_CODE_LENGTH);
}

function rejoinCards(): HTMLElement | null {
  const student = storage.student();
  const host = storage.host();
  if (!student && !host) return null;
  const cards: HTMLElement[] = [];
  if (student) {
    const card = h(
      'section',
      { class: 'card rejoin stack', 'aria-labelledby': 'rejoin-title', 'data-testid': 'rejoin' },
      h('h2', { id: 'rejoin-title' }, 'Rejoin your game'),
      h('p', {}, 'Room ', h('strong', {}, student.code), ' as ', h('strong', {}, student.nickname)),
      h(
        'div',
        { class: 'row' },
        button('Rejoin', () => navigate({ name: 'room', code: student.code }), { class: 'primary' }),
        button('Forget it', () => {
          storage.saveStudent(null);
          card.remove();
        }),
      ),
    );
    cards.push(card);
  }
  if (host) {
    const card = h(
      'section',
      { class: 'card rejoin stack', 'aria-labelledby': 'rehost-title' },
      h('h2', { id: 'rehost-title' }, 'Your classroom'),
      h('p', {}, 'You are hosting room ', h('strong', {}, host.code), '.'),
      h(
        'div',
        { class: 'row' },
        button('Open the host screen', () => navigate({ name: 'host', code: host.code }), {
          class: 'primary',
        }),
        button('Forget it', () => {
          storage.saveHost(null);
          card.remove();
        }),
      ),
    );
    cards.push(card);
  }
  return h('div', { class: 'cards' }, cards);
}

export function renderHome(root: HTMLElement): Screen {
  let peek: PeekView | null = null;
  let suggested = '';
  let handedOver = false;
  let peekGeneration = 0;

  const codeInput = h('input', {
    id: 'join-code',
    name: 'code',
    class: 'code-input',
    type: 'text',
    inputmode: 'text',
    autocapitalize: 'characters',
    autocomplete: 'off',
    autocorrect: 'off',
    spellcheck: 'false',
    maxlength: JOIN_CODE_LENGTH,
    enterkeyhint: 'next',
    required: true,
    'aria-describedby': 'join-code-hint',
  });
  const nameInput = h('input', {
    id: 'nickname',
    name: 'nickname',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'words',
    spellcheck: 'false',
    maxlength: NICKNAME_MAX_LENGTH,
    enterkeyhint: 'go',
    'aria-describedby': 'nickname-hint',
  });
  const namePreview = h('output', {
    class: 'nickname-preview',
    id: 'nickname-preview',
    'aria-live': 'polite',
  });
  const rerollButton = button('↻ Another name', () => void reroll(), {
    'aria-label': 'Suggest another name',
  });
  const freeText = h(
    'div',
    { class: 'field', hidden: true },
    h('label', { for: 'nickname' }, 'Or type your own nickname'),
    nameInput,
    h(
      'p',
      { class: 'hint', id: 'nickname-hint' },
      `Up to ${NICKNAME_MAX_LENGTH} characters. Leave empty to use the name above.`,
    ),
  );
  const nameSection = h(
    'div',
    { class: 'stack', hidden: true },
    h('div', {}, h('span', { class: 'muted' }, 'Your name in this game: '), namePreview),
    h('div', { class: 'row' }, rerollButton),
    freeText,
  );
  const joinError = h('p', { class: 'error', role: 'alert', id: 'join-error' });
  const joinButton = h('button', { type: 'submit', class: 'primary' }, 'Join');
  const form = h(
    'form',
    { class: 'card stack', 'aria-labelledby': 'join-title', novalidate: true },
    h('h2', { id: 'join-title' }, 'Join a game'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'join-code' }, 'Room code'),
      codeInput,
      h('p', { class: 'hint', id: 'join-code-hint' }, 'The 6 letters and digits on the board.'),
    ),
    nameSection,
    joinError,
    joinButton,
  );

  async function peekRoom(code: string): Promise<void> {
    const mine = ++peekGeneration;
    joinError.textContent = '';
    const reply = await request(getSocket(), StudentEvent.Peek, { protocol: PROTOCOL_VERSION, code });
    if (mine !== peekGeneration) return;
    if (!reply.ok) {
      peek = null;
      nameSection.hidden = true;
      joinError.textContent = reply.error.message;
      return;
    }
    peek = reply.data;
    suggested = peek.suggestedNickname;
    namePreview.textContent = suggested;
    freeText.hidden = !peek.freeTextNicknames;
    nameSection.hidden = false;
    if (peek.locked) joinError.textContent = 'This room is locked: ask your teacher.';
    announce(`Room ${code} found. Your name will be ${suggested}.`);
  }

  async function reroll(): Promise<void> {
    if (!peek) return;
    const reply = await request(getSocket(), StudentEvent.SuggestName, { code: peek.code });
    if (reply.ok) {
      suggested = reply.data.nickname;
      namePreview.textContent = suggested;
    } else {
      joinError.textContent = reply.error.message;
    }
  }

  codeInput.addEventListener('input', () => {
    const code = normaliseCode(codeInput.value);
    if (codeInput.value !== code) codeInput.value = code;
    if (CODE_PATTERN.test(code)) void peekRoom(code);
    else {
      peek = null;
      nameSection.hidden = true;
    }
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      const code = normaliseCode(codeInput.value);
      if (!CODE_PATTERN.test(code)) {
        joinError.textContent = `The room code is ${JOIN_CODE_LENGTH} letters and digits.`;
        codeInput.focus();
        return;
      }
      if (!peek) await peekRoom(code);
      if (!peek) return;
      const typed = nameInput.value.trim();
      joinButton.disabled = true;
      try {
        await joinRoom(code, peek.freeTextNicknames && typed ? typed : suggested);
        handedOver = true;
        navigate({ name: 'room', code });
      } catch (err) {
        joinError.textContent = err instanceof Error ? err.message : String(err);
      } finally {
        joinButton.disabled = false;
      }
    })();
  });

  replace(
    root,
    h(
      'div',
      { class: 'stack' },
      h('h1', {}, 'Be the memory of a running Python program'),
      rejoinCards(),
      h(
        'div',
        { class: 'cards' },
        form,
        h(
          'section',
          { class: 'card stack', 'aria-labelledby': 'solo-title' },
          h('h2', { id: 'solo-title' }, 'Play alone'),
          h(
            'p',
            {},
            'Work through the levels at your own pace, watch a demonstration, replay your best run.',
          ),
          h('a', { class: 'button', href: '#/solo' }, 'Play solo'),
        ),
        renderHostCreate({
          onCreated: (code) => {
            handedOver = true;
            navigate({ name: 'host', code });
          },
        }),
      ),
    ),
  );

  const fromAddress = normaliseCode(new URLSearchParams(location.search).get('code') ?? '');
  if (fromAddress) {
    codeInput.value = fromAddress;
    if (CODE_PATTERN.test(fromAddress)) void peekRoom(fromAddress);
    joinButton.focus();
  } else {
    focusHeading(root);
  }
  return {
    dispose() {
      if (!handedOver) closeSocket();
    },
  };
}
