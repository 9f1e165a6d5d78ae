import { api, unwrap } from '../api-client.ts';

/** A file uploaded on its own, before what it belongs to is sent. */
export function uploadAttachment(file: File, signal: AbortSignal) {
  return unwrap(api.attachments.$post({ form: { file } }, { init: { signal } }));
}

/** An upload taken out of the form before filing. */
export function deleteAttachment(id: string) {
  return unwrap(api.attachments[':id'].$delete({ param: { id } }));
}
