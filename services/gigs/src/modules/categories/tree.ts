/** The marketplace's category tree, seeded on every start (idempotently). */
export interface CategorySeed {
  slug: string;
  name: string;
  children?: CategorySeed[];
}

export const CATEGORY_TREE: CategorySeed[] = [
  {
    slug: 'graphics-design',
    name: 'Graphics & Design',
    children: [
      { slug: 'logo-design', name: 'Logo Design' },
      { slug: 'brand-style-guides', name: 'Brand Style Guides' },
      { slug: 'illustration', name: 'Illustration' },
      { slug: 'web-app-design', name: 'Website & App Design' },
      { slug: 'business-cards-stationery', name: 'Business Cards & Stationery' },
      { slug: 'social-media-design', name: 'Social Media Design' },
    ],
  },
  {
    slug: 'programming-tech',
    name: 'Programming & Tech',
    children: [
      { slug: 'website-development', name: 'Website Development' },
      { slug: 'mobile-app-development', name: 'Mobile App Development' },
      { slug: 'wordpress', name: 'WordPress' },
      { slug: 'ecommerce-development', name: 'E-Commerce Development' },
      { slug: 'ai-development', name: 'AI Development' },
      { slug: 'support-it', name: 'Bug Fixes & IT Support' },
    ],
  },
  {
    slug: 'digital-marketing',
    name: 'Digital Marketing',
    children: [
      { slug: 'seo', name: 'Search Engine Optimization (SEO)' },
      { slug: 'social-media-marketing', name: 'Social Media Marketing' },
      { slug: 'email-marketing', name: 'Email Marketing' },
      { slug: 'content-marketing', name: 'Content Marketing' },
      { slug: 'search-engine-marketing', name: 'Search Engine Marketing (SEM)' },
    ],
  },
  {
    slug: 'writing-translation',
    name: 'Writing & Translation',
    children: [
      { slug: 'articles-blog-posts', name: 'Articles & Blog Posts' },
      { slug: 'translation', name: 'Translation' },
      { slug: 'proofreading-editing', name: 'Proofreading & Editing' },
      { slug: 'copywriting', name: 'Copywriting' },
      { slug: 'resume-writing', name: 'Resume Writing' },
    ],
  },
  {
    slug: 'video-animation',
    name: 'Video & Animation',
    children: [
      { slug: 'video-editing', name: 'Video Editing' },
      { slug: 'animated-explainers', name: 'Animated Explainers' },
      { slug: 'logo-animation', name: 'Logo Animation' },
      { slug: 'short-video-ads', name: 'Short Video Ads' },
      { slug: 'subtitles-captions', name: 'Subtitles & Captions' },
    ],
  },
  {
    slug: 'music-audio',
    name: 'Music & Audio',
    children: [
      { slug: 'voice-over', name: 'Voice Over' },
      { slug: 'mixing-mastering', name: 'Mixing & Mastering' },
      { slug: 'podcast-editing', name: 'Podcast Editing' },
      { slug: 'jingles-intros', name: 'Jingles & Intros' },
      { slug: 'sound-design', name: 'Sound Design' },
    ],
  },
  {
    slug: 'business',
    name: 'Business',
    children: [
      { slug: 'virtual-assistant', name: 'Virtual Assistant' },
      { slug: 'market-research', name: 'Market Research' },
      { slug: 'business-plans', name: 'Business Plans' },
      { slug: 'presentations', name: 'Presentations' },
      { slug: 'financial-consulting', name: 'Financial Consulting' },
    ],
  },
  {
    slug: 'data',
    name: 'Data',
    children: [
      { slug: 'data-entry', name: 'Data Entry' },
      { slug: 'data-analytics', name: 'Data Analytics' },
      { slug: 'data-visualization', name: 'Data Visualization' },
      { slug: 'data-science-ml', name: 'Data Science & ML' },
      { slug: 'databases', name: 'Databases' },
    ],
  },
  {
    slug: 'photography',
    name: 'Photography',
    children: [
      { slug: 'product-photography', name: 'Product Photography' },
      { slug: 'photo-editing-retouching', name: 'Photo Editing & Retouching' },
      { slug: 'portrait-photography', name: 'Portrait Photography' },
      { slug: 'real-estate-photography', name: 'Real Estate Photography' },
    ],
  },
];
