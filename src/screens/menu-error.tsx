// The server's message for one part of the Menu screen, announced when it appears.
export function MenuError({ message, id }: { message: string | undefined; id?: string }) {
  return message ? (
    <p id={id} class="field-error" role="alert">
      {message}
    </p>
  ) : null;
}
