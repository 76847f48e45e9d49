import { ListingsView } from '@/components/listings/listings-view';

export const metadata = { title: 'Listings · Carti Studio' };

export default function ListingsPage() {
  return <ListingsView />;
}
