/** The home screen's "Host a room" card: opens a room and keeps the host token in this browser. */
import { HostEvent, PROTOCOL_VERSION } from '../../../shared/protocol';
import { getSocket } from '../net/connection';
import { rememberHostRoom } from '../net/host-session';
import { request } from '../net/socket';
import { button, h } from './dom';

export function renderHostCreate(options: { onCreated: (code: string) => void }): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const create = button(
    'Host a room',
    () => {
      create.disabled = true;
      error.textContent = '';
      void request(getSocket(), HostEvent.CreateRoom, { protocol: PROTOCOL_VERSION }).then((reply) => {
        create.disabled = false;
        if (!reply.ok) {
          error.textContent = reply.error.message;
          return;
        }
        rememberHostRoom(reply.data);
        options.onCreated(reply.data.code);
      });
    },
    { class: 'primary', id: 'host-room' },
  );
  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'host-title' },
    h('h2', { id: 'host-title' }, 'Teach a class'),
    h('p', {}, 'Open a room for the projector. Students join with a code from their laptops or phones.'),
    error,
    create,
  );
}
