/**
 * The demo marketplace: twelve sellers with five gigs each, across the category tree. Everything
 * here is made up; image URLs point at a host that does not serve (images.gigmart.example).
 */
export interface DemoGig {
  title: string;
  categorySlug: string;
  tags: string[];
  /** What the gig is; the seller's `process` is appended to make the description. */
  pitch: string;
  /** BASIC price in cents; STANDARD and PREMIUM are derived from it. */
  basePriceCents: number;
  baseDays: number;
  features: [string, string, string];
}

export interface DemoSeller {
  username: string;
  displayName: string;
  country: string;
  languages: Array<{ code: string; level: 'BASIC' | 'CONVERSATIONAL' | 'FLUENT' | 'NATIVE' }>;
  headline: string;
  skills: string[];
  bio: string;
  /** How they work, shared by their gig descriptions. */
  process: string;
  gigs: DemoGig[];
}

/** Every demo account uses this password (documented in services/gigs/README.md). */
export const DEMO_PASSWORD = 'gigmart-demo-2026';

export function demoEmail(username: string): string {
  return `${username}@demo.gigmart.example`;
}

export const DEMO_SELLERS: DemoSeller[] = [
  {
    username: 'demo_lena_designs',
    displayName: 'Lena Hoffmann',
    country: 'DE',
    languages: [{ code: 'de', level: 'NATIVE' }, { code: 'en', level: 'FLUENT' }],
    headline: 'Brand identities for small businesses that mean it',
    skills: ['logo design', 'branding', 'typography'],
    bio: 'Brand designer in Leipzig. Ten years of logos, packaging and brand books for bakeries, breweries and software start-ups.',
    process: 'I start with a short questionnaire about your audience and competitors, share first drafts within the delivery time and refine them with you until they fit. You receive vector files (AI, SVG, PDF) and PNGs.',
    gigs: [
      { title: 'I will design a minimalist logo for your brand', categorySlug: 'logo-design', tags: ['logo', 'minimalist', 'branding'], pitch: 'A clean, timeless logo that works on a business card as well as on a billboard.', basePriceCents: 4500, baseDays: 3, features: ['logo concepts', 'vector source files', 'colour and mono versions'] },
      { title: 'I will create a complete brand style guide', categorySlug: 'brand-style-guides', tags: ['brand guide', 'branding', 'style guide'], pitch: 'A brand book that tells everyone how to use your logo, colours, type and imagery consistently.', basePriceCents: 12000, baseDays: 7, features: ['colour palette', 'typography rules', 'logo usage pages'] },
      { title: 'I will design modern business cards and letterheads', categorySlug: 'business-cards-stationery', tags: ['business cards', 'stationery', 'print'], pitch: 'Print-ready business cards and letterheads that match your brand, with bleed and crop marks.', basePriceCents: 2500, baseDays: 2, features: ['double-sided design', 'print-ready PDF', 'letterhead template'] },
      { title: 'I will redesign your outdated logo into a modern one', categorySlug: 'logo-design', tags: ['logo redesign', 'rebrand', 'logo'], pitch: 'Keep the recognition your old logo earned while giving it a modern, simpler shape.', basePriceCents: 6000, baseDays: 4, features: ['redesign concepts', 'before and after mockups', 'vector files'] },
      { title: 'I will design packaging labels for your product', categorySlug: 'brand-style-guides', tags: ['packaging', 'label design', 'product'], pitch: 'Labels for jars, bottles and boxes that stand out on the shelf and follow printing requirements.', basePriceCents: 9000, baseDays: 5, features: ['dieline setup', '3D mockup', 'print-ready files'] },
    ],
  },
  {
    username: 'demo_marco_dev',
    displayName: 'Marco Bianchi',
    country: 'IT',
    languages: [{ code: 'it', level: 'NATIVE' }, { code: 'en', level: 'FLUENT' }],
    headline: 'Full-stack developer: fast, accessible web apps',
    skills: ['react', 'node.js', 'typescript'],
    bio: 'Full-stack developer from Turin, building web applications with React, Node.js and PostgreSQL since 2014.',
    process: 'We agree on the scope in a short call, I work in a private Git repository you can follow, and every delivery comes with a short video walkthrough and written setup notes.',
    gigs: [
      { title: 'I will build a responsive website with React and Next.js', categorySlug: 'website-development', tags: ['react', 'nextjs', 'website'], pitch: 'A fast, responsive website built with React and Next.js, optimised for search engines and easy to extend.', basePriceCents: 30000, baseDays: 7, features: ['responsive pages', 'SEO setup', 'deployment'] },
      { title: 'I will fix bugs in your JavaScript or TypeScript app', categorySlug: 'support-it', tags: ['bug fix', 'javascript', 'typescript'], pitch: 'Send me the error, the repository and the steps to reproduce; I find the cause and fix it with a test.', basePriceCents: 3000, baseDays: 1, features: ['root cause analysis', 'fix with test', 'explanation'] },
      { title: 'I will build a REST or GraphQL API with Node.js', categorySlug: 'website-development', tags: ['nodejs', 'graphql', 'api'], pitch: 'A documented API with authentication, validation and tests, ready for your front end or mobile app.', basePriceCents: 25000, baseDays: 6, features: ['endpoints', 'authentication', 'API documentation'] },
      { title: 'I will build a Shopify store with a custom theme', categorySlug: 'ecommerce-development', tags: ['shopify', 'ecommerce', 'online store'], pitch: 'A Shopify store with a custom theme, product import and payment setup so you can start selling.', basePriceCents: 40000, baseDays: 8, features: ['custom theme', 'product import', 'payment setup'] },
      { title: 'I will speed up your slow website and fix Core Web Vitals', categorySlug: 'support-it', tags: ['performance', 'core web vitals', 'speed'], pitch: 'I measure what makes your site slow, fix images, scripts and caching, and show the before and after scores.', basePriceCents: 8000, baseDays: 3, features: ['performance audit', 'fixes applied', 'before and after report'] },
    ],
  },
  {
    username: 'demo_aisha_writes',
    displayName: 'Aisha Khan',
    country: 'GB',
    languages: [{ code: 'en', level: 'NATIVE' }, { code: 'ur', level: 'FLUENT' }],
    headline: 'Copywriter who turns features into reasons to buy',
    skills: ['copywriting', 'blog writing', 'seo writing'],
    bio: 'London-based copywriter and former journalist. I write websites, blogs and emails for B2B software and sustainable brands.',
    process: 'You fill in a short brief, I research your audience and competitors, send a first draft and include two rounds of edits. Every text is original and checked for plagiarism.',
    gigs: [
      { title: 'I will write SEO blog posts that rank and convert', categorySlug: 'articles-blog-posts', tags: ['blog', 'seo writing', 'content'], pitch: 'Well-researched blog posts built around the keywords your customers search for, with headings and meta description.', basePriceCents: 6000, baseDays: 3, features: ['keyword research', 'meta description', 'internal links'] },
      { title: 'I will write persuasive website copy for your landing page', categorySlug: 'copywriting', tags: ['copywriting', 'landing page', 'website copy'], pitch: 'Landing page copy that explains your offer in the words your customers use and leads them to act.', basePriceCents: 10000, baseDays: 4, features: ['headline options', 'full page copy', 'call to action variants'] },
      { title: 'I will proofread and edit your English documents', categorySlug: 'proofreading-editing', tags: ['proofreading', 'editing', 'english'], pitch: 'Careful proofreading for grammar, spelling, punctuation and flow, with every change tracked.', basePriceCents: 2000, baseDays: 2, features: ['tracked changes', 'style consistency', 'comments on clarity'] },
      { title: 'I will write a professional resume and cover letter', categorySlug: 'resume-writing', tags: ['resume', 'cv', 'cover letter'], pitch: 'A resume and cover letter that show your results, pass applicant tracking systems and fit the job you want.', basePriceCents: 5000, baseDays: 3, features: ['ATS-friendly resume', 'cover letter', 'LinkedIn summary'] },
      { title: 'I will write an email newsletter sequence for your launch', categorySlug: 'email-marketing', tags: ['email', 'newsletter', 'copywriting'], pitch: 'A welcome or launch email sequence that builds trust and brings readers back to your offer.', basePriceCents: 9000, baseDays: 5, features: ['subject lines', 'sequence of emails', 'A/B variants'] },
    ],
  },
  {
    username: 'demo_kenji_motion',
    displayName: 'Kenji Watanabe',
    country: 'JP',
    languages: [{ code: 'ja', level: 'NATIVE' }, { code: 'en', level: 'FLUENT' }],
    headline: 'Motion designer: explainers and animated logos',
    skills: ['after effects', 'animation', 'video editing'],
    bio: 'Motion designer in Osaka. I animate explainer videos, logos and social media ads for technology companies.',
    process: 'I send a script and storyboard for approval before animating, then a preview to comment on. Final files come in 1080p or 4K with the project files on request.',
    gigs: [
      { title: 'I will create an animated explainer video for your product', categorySlug: 'animated-explainers', tags: ['explainer video', 'animation', '2d animation'], pitch: 'A short animated explainer that shows what your product does and why it matters, in under ninety seconds.', basePriceCents: 25000, baseDays: 10, features: ['script', 'storyboard', 'voice over sync'] },
      { title: 'I will animate your logo with sound effects', categorySlug: 'logo-animation', tags: ['logo animation', 'intro', 'motion graphics'], pitch: 'Your logo brought to life as a smooth intro or outro animation with matching sound effects.', basePriceCents: 4000, baseDays: 3, features: ['HD animation', 'sound effects', 'transparent version'] },
      { title: 'I will edit your YouTube videos with captions and music', categorySlug: 'video-editing', tags: ['youtube', 'video editing', 'captions'], pitch: 'Engaging edits for your YouTube channel: cuts, captions, music, colour correction and thumbnails.', basePriceCents: 5000, baseDays: 3, features: ['cuts and pacing', 'captions', 'colour correction'] },
      { title: 'I will make short video ads for Instagram and TikTok', categorySlug: 'short-video-ads', tags: ['video ads', 'tiktok', 'instagram'], pitch: 'Scroll-stopping vertical video ads from your footage or stock, with text animations and a clear call to action.', basePriceCents: 7000, baseDays: 4, features: ['vertical format', 'text animations', 'music licensing'] },
      { title: 'I will add accurate subtitles to your videos', categorySlug: 'subtitles-captions', tags: ['subtitles', 'captions', 'srt'], pitch: 'Accurate, well-timed subtitles in English or Japanese, delivered as SRT files or burned into the video.', basePriceCents: 1500, baseDays: 2, features: ['SRT file', 'burned-in option', 'timing check'] },
    ],
  },
  {
    username: 'demo_sofia_seo',
    displayName: 'Sofia Martínez',
    country: 'ES',
    languages: [{ code: 'es', level: 'NATIVE' }, { code: 'en', level: 'FLUENT' }],
    headline: 'SEO strategist: more organic traffic, measurably',
    skills: ['seo', 'google ads', 'analytics'],
    bio: 'SEO consultant from Valencia working with online shops and SaaS companies across Europe and Latin America.',
    process: 'I begin with an audit of your site and competitors, agree priorities with you, and report every change with the numbers in Google Search Console and Analytics.',
    gigs: [
      { title: 'I will do a complete technical SEO audit of your site', categorySlug: 'seo', tags: ['seo audit', 'technical seo', 'seo'], pitch: 'A full technical audit covering crawling, indexing, speed, structured data and internal linking, with a prioritised fix list.', basePriceCents: 9000, baseDays: 4, features: ['crawl report', 'prioritised fix list', 'video walkthrough'] },
      { title: 'I will do keyword research and a content plan', categorySlug: 'seo', tags: ['keyword research', 'content plan', 'seo'], pitch: 'Keyword research that finds the searches you can win, grouped into a content plan for the next three months.', basePriceCents: 6000, baseDays: 3, features: ['keyword list', 'search intent groups', 'content calendar'] },
      { title: 'I will set up and manage your Google Ads campaigns', categorySlug: 'search-engine-marketing', tags: ['google ads', 'ppc', 'sem'], pitch: 'Search campaigns set up with conversion tracking, tight keyword groups and ads that match what people search.', basePriceCents: 15000, baseDays: 5, features: ['campaign setup', 'conversion tracking', 'monthly report'] },
      { title: 'I will optimise your Shopify store for search engines', categorySlug: 'seo', tags: ['shopify seo', 'ecommerce', 'seo'], pitch: 'Product and collection pages optimised for search, with fixed duplicate content and structured data.', basePriceCents: 12000, baseDays: 6, features: ['product page optimisation', 'structured data', 'duplicate content fixes'] },
      { title: 'I will build quality backlinks through outreach', categorySlug: 'content-marketing', tags: ['backlinks', 'outreach', 'link building'], pitch: 'Manual outreach to relevant sites for editorial backlinks: no networks, no spam, every link reported.', basePriceCents: 20000, baseDays: 14, features: ['manual outreach', 'editorial links', 'link report'] },
    ],
  },
  {
    username: 'demo_tomasz_data',
    displayName: 'Tomasz Nowak',
    country: 'PL',
    languages: [{ code: 'pl', level: 'NATIVE' }, { code: 'en', level: 'FLUENT' }],
    headline: 'Data analyst: dashboards and answers from your data',
    skills: ['python', 'sql', 'power bi'],
    bio: 'Data analyst in Kraków. I turn spreadsheets and databases into dashboards and models that answer business questions.',
    process: 'You share the data and the questions you need answered; I clean it, document every step in a notebook and explain the results in plain language.',
    gigs: [
      { title: 'I will create an interactive Power BI dashboard', categorySlug: 'data-visualization', tags: ['power bi', 'dashboard', 'data visualization'], pitch: 'An interactive dashboard that brings your sales, marketing or operations data together in one place.', basePriceCents: 15000, baseDays: 5, features: ['data model', 'interactive report', 'refresh setup'] },
      { title: 'I will analyse your data with Python and pandas', categorySlug: 'data-analytics', tags: ['python', 'pandas', 'data analysis'], pitch: 'Exploratory analysis of your data with clear charts and a written summary of what matters.', basePriceCents: 8000, baseDays: 4, features: ['data cleaning', 'charts', 'written summary'] },
      { title: 'I will write and optimise SQL queries for your database', categorySlug: 'databases', tags: ['sql', 'postgresql', 'query optimization'], pitch: 'Complex SQL queries written or tuned for PostgreSQL, MySQL or SQL Server, with index recommendations.', basePriceCents: 5000, baseDays: 2, features: ['query writing', 'index advice', 'execution plan review'] },
      { title: 'I will build a machine learning model for predictions', categorySlug: 'data-science-ml', tags: ['machine learning', 'python', 'prediction'], pitch: 'A predictive model for churn, demand or prices, trained and validated on your data with an honest accuracy report.', basePriceCents: 30000, baseDays: 10, features: ['feature engineering', 'model training', 'evaluation report'] },
      { title: 'I will do accurate data entry and spreadsheet cleanup', categorySlug: 'data-entry', tags: ['data entry', 'excel', 'spreadsheet'], pitch: 'Careful data entry from PDFs, images or websites into Excel or Google Sheets, with duplicates removed.', basePriceCents: 1500, baseDays: 2, features: ['data entry', 'deduplication', 'formatting'] },
    ],
  },
  {
    username: 'demo_grace_voice',
    displayName: 'Grace Okafor',
    country: 'NG',
    languages: [{ code: 'en', level: 'NATIVE' }, { code: 'yo', level: 'NATIVE' }],
    headline: 'Warm, clear voice overs for brands and e-learning',
    skills: ['voice over', 'audio editing', 'narration'],
    bio: 'Voice actor and audio producer in Lagos with a broadcast-quality home studio. I narrate ads, e-learning courses and audiobooks.',
    process: 'Send your script and a reference if you have one; I record in a treated studio, edit out breaths and noise, and deliver WAV and MP3 files ready to publish.',
    gigs: [
      { title: 'I will record a warm professional female voice over', categorySlug: 'voice-over', tags: ['voice over', 'female voice', 'narration'], pitch: 'A warm, natural voice over for commercials, explainers and phone systems, recorded in a professional studio.', basePriceCents: 3000, baseDays: 2, features: ['studio recording', 'noise cleanup', 'WAV and MP3'] },
      { title: 'I will narrate your e-learning course or audiobook', categorySlug: 'voice-over', tags: ['e-learning', 'audiobook', 'narration'], pitch: 'Clear, engaging narration for courses and audiobooks, with consistent tone across every chapter.', basePriceCents: 8000, baseDays: 5, features: ['chapter files', 'consistent levels', 'pickups included'] },
      { title: 'I will edit and master your podcast episodes', categorySlug: 'podcast-editing', tags: ['podcast', 'audio editing', 'mastering'], pitch: 'Podcast editing that removes ums, long pauses and noise, balances voices and adds your intro and outro.', basePriceCents: 4000, baseDays: 2, features: ['noise removal', 'level balancing', 'intro and outro'] },
      { title: 'I will produce a catchy jingle for your brand', categorySlug: 'jingles-intros', tags: ['jingle', 'audio logo', 'music'], pitch: 'A short, memorable jingle or audio logo for radio, podcasts and videos, with full commercial rights.', basePriceCents: 12000, baseDays: 6, features: ['original melody', 'vocals', 'commercial rights'] },
      { title: 'I will mix and master your song for streaming', categorySlug: 'mixing-mastering', tags: ['mixing', 'mastering', 'music production'], pitch: 'A balanced mix and a loud, clean master that sounds right on Spotify, Apple Music and YouTube.', basePriceCents: 9000, baseDays: 4, features: ['mixing', 'mastering', 'streaming-ready files'] },
    ],
  },
  {
    username: 'demo_pierre_biz',
    displayName: 'Pierre Laurent',
    country: 'FR',
    languages: [{ code: 'fr', level: 'NATIVE' }, { code: 'en', level: 'FLUENT' }],
    headline: 'Business plans and pitch decks investors read',
    skills: ['business plans', 'financial modeling', 'presentations'],
    bio: 'Former strategy consultant in Lyon. I help founders write business plans, financial models and pitch decks for funding rounds.',
    process: 'We start with a call about your business and goals, I draft the structure for your approval, then deliver the full document with one round of revisions per package.',
    gigs: [
      { title: 'I will write an investor ready business plan', categorySlug: 'business-plans', tags: ['business plan', 'startup', 'investors'], pitch: 'A complete business plan with market analysis, strategy, operations and financial projections that investors expect.', basePriceCents: 25000, baseDays: 10, features: ['market analysis', 'financial projections', 'executive summary'] },
      { title: 'I will design a pitch deck that tells your story', categorySlug: 'presentations', tags: ['pitch deck', 'presentation', 'powerpoint'], pitch: 'A clear, good-looking pitch deck that takes investors from the problem to your ask in twelve slides.', basePriceCents: 15000, baseDays: 5, features: ['story outline', 'slide design', 'speaker notes'] },
      { title: 'I will build a three statement financial model', categorySlug: 'financial-consulting', tags: ['financial model', 'excel', 'forecast'], pitch: 'A linked income statement, balance sheet and cash flow model in Excel with scenarios you can change yourself.', basePriceCents: 20000, baseDays: 7, features: ['three statements', 'scenarios', 'assumptions sheet'] },
      { title: 'I will do market research on your competitors', categorySlug: 'market-research', tags: ['market research', 'competitor analysis', 'strategy'], pitch: 'A structured analysis of your competitors: offers, prices, positioning and where the gaps are.', basePriceCents: 10000, baseDays: 5, features: ['competitor matrix', 'pricing comparison', 'opportunities'] },
      { title: 'I will be your virtual assistant for admin tasks', categorySlug: 'virtual-assistant', tags: ['virtual assistant', 'admin', 'scheduling'], pitch: 'Reliable help with email, calendar, research and bookkeeping preparation so you can focus on your business.', basePriceCents: 2000, baseDays: 1, features: ['inbox management', 'scheduling', 'research'] },
    ],
  },
  {
    username: 'demo_nina_photo',
    displayName: 'Nina Petrova',
    country: 'BG',
    languages: [{ code: 'bg', level: 'NATIVE' }, { code: 'en', level: 'FLUENT' }],
    headline: 'Product photos and retouching that sell',
    skills: ['product photography', 'photo retouching', 'lightroom'],
    bio: 'Photographer and retoucher in Sofia. I shoot and edit product photos for online shops and retouch portraits for magazines.',
    process: 'Tell me where the images will be used and send examples you like; I deliver high resolution files optimised for web and print, with one round of changes included.',
    gigs: [
      { title: 'I will shoot white background product photos for Amazon', categorySlug: 'product-photography', tags: ['product photography', 'amazon', 'white background'], pitch: 'Clean, evenly lit product photos on pure white that meet Amazon and Etsy image requirements.', basePriceCents: 6000, baseDays: 5, features: ['white background', 'multiple angles', 'marketplace-ready sizes'] },
      { title: 'I will retouch your portraits naturally and professionally', categorySlug: 'photo-editing-retouching', tags: ['retouching', 'portrait', 'photoshop'], pitch: 'Natural skin retouching, colour grading and background cleanup that keeps people looking like themselves.', basePriceCents: 1500, baseDays: 2, features: ['skin retouching', 'colour grading', 'background cleanup'] },
      { title: 'I will remove backgrounds from your product images', categorySlug: 'photo-editing-retouching', tags: ['background removal', 'photo editing', 'ecommerce'], pitch: 'Precise background removal with clipping paths, ready for your shop, catalogue or ads.', basePriceCents: 1000, baseDays: 1, features: ['clipping path', 'transparent PNG', 'shadow option'] },
      { title: 'I will edit real estate photos with HDR blending', categorySlug: 'real-estate-photography', tags: ['real estate', 'hdr', 'photo editing'], pitch: 'Bright, straight and balanced real estate photos from your bracketed shots, with window pulls and sky replacement.', basePriceCents: 2500, baseDays: 2, features: ['HDR blending', 'sky replacement', 'perspective correction'] },
      { title: 'I will create lifestyle product photos with props', categorySlug: 'product-photography', tags: ['lifestyle photography', 'product', 'styling'], pitch: 'Styled lifestyle photos that show your product in use, for your website, ads and social media.', basePriceCents: 9000, baseDays: 6, features: ['styled scenes', 'props included', 'social crops'] },
    ],
  },
  {
    username: 'demo_ravi_mobile',
    displayName: 'Ravi Sharma',
    country: 'IN',
    languages: [{ code: 'hi', level: 'NATIVE' }, { code: 'en', level: 'FLUENT' }],
    headline: 'Mobile apps with Flutter and React Native',
    skills: ['flutter', 'react native', 'firebase'],
    bio: 'Mobile developer in Bengaluru. I have shipped more than forty apps to the App Store and Google Play for start-ups and agencies.',
    process: 'We agree on screens and features first, you get test builds every few days on your phone, and I help you publish to the stores at the end.',
    gigs: [
      { title: 'I will develop a cross platform mobile app in Flutter', categorySlug: 'mobile-app-development', tags: ['flutter', 'mobile app', 'ios android'], pitch: 'One Flutter code base for iOS and Android, with clean architecture, tests and a backend of your choice.', basePriceCents: 50000, baseDays: 14, features: ['iOS and Android', 'backend integration', 'store submission'] },
      { title: 'I will fix bugs and crashes in your React Native app', categorySlug: 'mobile-app-development', tags: ['react native', 'bug fix', 'mobile'], pitch: 'Crash reports traced to their cause and fixed, with library upgrades when outdated packages are the problem.', basePriceCents: 4000, baseDays: 2, features: ['crash analysis', 'fix and test', 'upgrade advice'] },
      { title: 'I will integrate ChatGPT into your app or website', categorySlug: 'ai-development', tags: ['chatgpt', 'openai', 'ai integration'], pitch: 'A chatbot or AI feature built on large language models, with prompts, guardrails and cost controls.', basePriceCents: 20000, baseDays: 6, features: ['prompt design', 'API integration', 'usage limits'] },
      { title: 'I will set up Firebase backend for your app', categorySlug: 'mobile-app-development', tags: ['firebase', 'backend', 'authentication'], pitch: 'Authentication, database, storage and push notifications set up in Firebase with secure rules.', basePriceCents: 10000, baseDays: 4, features: ['authentication', 'security rules', 'push notifications'] },
      { title: 'I will build a custom WordPress plugin', categorySlug: 'wordpress', tags: ['wordpress', 'plugin', 'php'], pitch: 'A custom WordPress plugin that adds exactly the feature you need, following WordPress coding standards.', basePriceCents: 12000, baseDays: 5, features: ['custom plugin', 'admin settings page', 'documentation'] },
    ],
  },
  {
    username: 'demo_olivia_social',
    displayName: 'Olivia Brown',
    country: 'AU',
    languages: [{ code: 'en', level: 'NATIVE' }],
    headline: 'Social media content that grows real audiences',
    skills: ['social media', 'canva', 'content strategy'],
    bio: 'Social media manager in Melbourne. I plan, design and schedule content for cafés, gyms and lifestyle brands.',
    process: 'We start with your goals and brand voice, I prepare a content calendar for approval, then design and schedule posts and report what worked each month.',
    gigs: [
      { title: 'I will manage your Instagram account for a month', categorySlug: 'social-media-marketing', tags: ['instagram', 'social media', 'management'], pitch: 'A month of planned, designed and scheduled Instagram posts and stories, with community replies.', basePriceCents: 20000, baseDays: 30, features: ['content calendar', 'post design', 'monthly report'] },
      { title: 'I will design eye catching social media posts', categorySlug: 'social-media-design', tags: ['social media design', 'canva', 'instagram posts'], pitch: 'On-brand post and story designs for Instagram, Facebook and LinkedIn, with editable Canva templates.', basePriceCents: 3000, baseDays: 2, features: ['post designs', 'story versions', 'Canva templates'] },
      { title: 'I will create a social media strategy for your brand', categorySlug: 'social-media-marketing', tags: ['social media strategy', 'marketing', 'content plan'], pitch: 'A practical strategy: which platforms, what to post, how often, and how to measure progress.', basePriceCents: 12000, baseDays: 5, features: ['audience research', 'content pillars', 'KPI plan'] },
      { title: 'I will write engaging captions and hashtags for posts', categorySlug: 'copywriting', tags: ['captions', 'hashtags', 'instagram'], pitch: 'Captions in your brand voice with researched hashtags that bring the right people to your posts.', basePriceCents: 1500, baseDays: 2, features: ['captions', 'hashtag research', 'emoji style guide'] },
      { title: 'I will run Facebook and Instagram ad campaigns', categorySlug: 'social-media-marketing', tags: ['facebook ads', 'instagram ads', 'paid social'], pitch: 'Paid social campaigns with audience testing, creative variants and pixel tracking set up properly.', basePriceCents: 15000, baseDays: 5, features: ['audience setup', 'ad creatives', 'pixel tracking'] },
    ],
  },
  {
    username: 'demo_lucas_translate',
    displayName: 'Lucas Silva',
    country: 'BR',
    languages: [{ code: 'pt', level: 'NATIVE' }, { code: 'en', level: 'FLUENT' }, { code: 'es', level: 'FLUENT' }],
    headline: 'Translator English, Portuguese and Spanish',
    skills: ['translation', 'localization', 'subtitling'],
    bio: 'Professional translator in São Paulo, specialised in software localisation, marketing and legal documents.',
    process: 'I translate by hand, never by machine alone, keep a glossary of your terms for consistency, and proofread every text a second time before delivery.',
    gigs: [
      { title: 'I will translate English to Brazilian Portuguese', categorySlug: 'translation', tags: ['translation', 'portuguese', 'english'], pitch: 'Natural Brazilian Portuguese translations of websites, documents and marketing material by a native speaker.', basePriceCents: 2500, baseDays: 2, features: ['human translation', 'glossary', 'second proofread'] },
      { title: 'I will localise your app or website into Spanish', categorySlug: 'translation', tags: ['localization', 'spanish', 'app translation'], pitch: 'Localisation of app strings and web pages into Spanish, keeping placeholders, plurals and length limits intact.', basePriceCents: 5000, baseDays: 3, features: ['string files', 'placeholder checks', 'in-context review'] },
      { title: 'I will translate and subtitle your videos in Portuguese', categorySlug: 'subtitles-captions', tags: ['subtitles', 'portuguese', 'video translation'], pitch: 'Translated, well-timed Portuguese subtitles for your videos, delivered as SRT or VTT files.', basePriceCents: 3000, baseDays: 3, features: ['translation', 'timed subtitles', 'SRT and VTT'] },
      { title: 'I will proofread Portuguese and Spanish texts', categorySlug: 'proofreading-editing', tags: ['proofreading', 'portuguese', 'spanish'], pitch: 'Proofreading of Portuguese and Spanish texts for grammar, style and consistency, with tracked changes.', basePriceCents: 1500, baseDays: 2, features: ['tracked changes', 'style notes', 'consistency check'] },
      { title: 'I will translate legal documents and contracts', categorySlug: 'translation', tags: ['legal translation', 'contracts', 'documents'], pitch: 'Accurate translation of contracts, terms and legal documents between English, Portuguese and Spanish.', basePriceCents: 6000, baseDays: 4, features: ['legal terminology', 'formatting kept', 'confidentiality'] },
    ],
  },
];
