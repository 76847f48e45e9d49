import { BundleDetail } from '@/components/browse/bundle-detail';

export default async function BundlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <BundleDetail id={id} />;
}
