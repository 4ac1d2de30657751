// How an order line reads wherever it is shown (cart, rows, kitchen, history): `Flat white — Oat milk,
// Extra shot`; a line without options is just the item's name (DESIGN "Screens, part 3").

export function lineLabel(name: string, options: readonly { name: string }[] | undefined): string {
  return options && options.length > 0
    ? `${name} — ${options.map((option) => option.name).join(', ')}`
    : name;
}
