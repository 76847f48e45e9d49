import { StoreView } from '@/components/store/store-view';

export const metadata = { title: 'Store · Carti Studio' };

export default function StorePage() {
  return <StoreView />;
}
