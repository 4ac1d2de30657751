// The seed's client, kept deliberately plain: every 3 s fetch the active orders and re-render the whole list.
// It is the yardstick for the "baseline" column of the bench table, so it must stay as naive as the seed.
const POLL_MS = 3000;
const list = document.getElementById('orders');

function render(orders) {
  const rows = orders.map((order) => {
    const li = document.createElement('li');
    li.dataset.orderId = order.id;
    li.textContent = `${order.number} ${order.customerName} ${order.status}`;
    return li;
  });
  list.replaceChildren(...rows);
}

async function poll() {
  try {
    const response = await fetch('/api/orders?status=active', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = await response.json();
    render(body.orders);
  } catch (error) {
    // The seed shows stale data until the next tick; log so the bench output explains a gap.
    console.error('baseline poll failed', error);
  }
}

void poll();
setInterval(() => void poll(), POLL_MS);
