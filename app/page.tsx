import { BrowseView } from '@/components/browse/browse-view';

export default function BrowsePage() {
  return <BrowseView />;
}
