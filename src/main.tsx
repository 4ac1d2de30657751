// Placeholder page: the counter screen lands with issue #5.
import { render } from 'preact';

render(<h1>Orderline</h1>, document.getElementById('app')!);
