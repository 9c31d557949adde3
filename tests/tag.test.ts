import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTaxonomy, openingSentenceEnd, orderKey, outsideSubjects, scoreTopics, tagPaper } from '../src/lib/topics/tag';
import { parseTaxonomy, type Taxonomy } from '../src/lib/topics/taxonomy';
import { ROOT } from './helpers';

const loaded = parseTaxonomy(readFileSync(join(ROOT, 'content/topics.yaml'), 'utf8'));
if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
const real = compileTaxonomy(loaded.value);
const slugs = (title: string, abstract: string) => tagPaper(real, { title, abstract }).map((t) => t.slug);

describe('tagPaper with the real taxonomy', () => {
  it('tags a quantization paper, with the phrases as evidence, whatever the spelling', () => {
    const topics = tagPaper(real, {
      title: 'Ternary Weights for Low-Bit Transformers',
      abstract: 'We study post-training quantisation of large language models to 2-bit and ternary weights.',
    });
    expect(topics[0]!.slug).toBe('quantization');
    expect(topics[0]!.evidence).toEqual(expect.arrayContaining(['Ternary', 'Low-Bit', 'quantisation']));
  });

  it('reads the abstract as the page shows it, so evidence quotes words a reader can find there', () => {
    const [first] = tagPaper(real, {
      title: 'Low-Bit Weights',
      abstract: 'We study post-training quantizationx2013which lowers the precision of \\emph{ternary} weights.',
    });
    expect(first!.slug).toBe('quantization');
    expect(first!.evidence).toEqual(expect.arrayContaining(['quantization', 'ternary']));
    expect(first!.evidence.join(' ')).not.toMatch(/x2013|emph/);
  });

  it('does not take a hyphenated auto-encoder for an encoders paper', () => {
    const topics = slugs('Variational Auto-Encoders for Text', 'We train a variational auto-encoder that auto-encodes sentences.');
    expect(topics[0]).toBe('autoencoders');
    expect(topics).not.toContain('encoders');
  });

  it('tags low-precision weights quantization even when the paper minimises their quantization error', () => {
    const topics = slugs(
      'Parameter-Efficient Adapters from the Perspective of Precision',
      'Parameter-efficient tuning stores a lightweight adapter per task. We make adapters efficient with a quantization method that minimizes the quantization error; 1-bit adapters suffice.',
    );
    expect(topics).toContain('quantization');
  });

  it('takes reading handwriting as a language task, and “MT” as machine translation', () => {
    const hmer = slugs(
      'A GRU Decoder for HMER',
      'Recognising handwritten mathematical expressions is hard. Our model reads handwritten mathematical expressions.',
    );
    expect(hmer[0]).toBe('language');
    // Made lighter, it is an efficiency paper first and still a language one.
    const lighter = slugs(
      'A Lightweight GRU Decoder for HMER',
      'Recognising handwritten mathematical expressions is hard. Our efficient, lightweight model reads handwritten mathematical expressions.',
    );
    expect(lighter).toEqual(['efficiency', 'language']);
    expect(slugs('Distilling Learned MT Evaluation Metrics', 'We distill large metrics into small ones.')).toContain('language');
    expect(slugs('Handwritten Digit Recognition with CNNs', 'We classify handwritten digits of MNIST.')).not.toContain('language');
  });

  it('tags an unlearning paper from “forgetting” and “unlearn” forms', () => {
    expect(slugs('Forgetting on Request', 'We unlearn a class from a trained classifier, removing the influence of its training data.')[0]).toBe('unlearning');
  });

  it('does not make a paper an encoders paper for a pretrained encoder used in passing', () => {
    const topics = slugs(
      'Segmenting Cells in Microscopy Images',
      'We use a pretrained encoder and train a segmentation head for medical imaging of cells. Detection results improve.',
    );
    expect(topics).not.toContain('encoders');
    expect(topics[0]).toBe('vision');
  });

  it('does not make KV-cache compression a codecs paper', () => {
    const topics = slugs(
      'Compressing the KV Cache of Large Language Models',
      'KV cache compression reduces memory and latency of LLM inference; we compress the KV cache by 4x.',
    );
    expect(topics).not.toContain('codecs');
    expect(topics).toContain('efficiency');
  });

  it('does not make a speech or video language model an NLP paper', () => {
    const topics = slugs(
      'Tokens for Speech Language Models',
      'Speech language models generate audio from discrete speech tokens; we study their tokenizers on spoken audio.',
    );
    expect(topics).toContain('speech-audio');
    expect(topics).not.toContain('language');
  });

  it('makes a multimodal LLM multimodal and visual text generation, not NLP; one-bit weights quantization; probabilistic circuits no interpretability', () => {
    const mllm = slugs('Better Vision Encoders for Multimodal Large Language Models', 'Multimodal large language models answer questions about images.');
    expect(mllm[0]).toBe('multimodal');
    expect(mllm).not.toContain('language');
    expect(slugs('One-Bit Weights for Fast Inference', 'We train networks with one-bit weights.')[0]).toBe('quantization');
    const circuits = slugs('Lossless Compression with Probabilistic Circuits', 'Probabilistic circuits give exact likelihoods for lossless compression.');
    expect(circuits).toEqual(['codecs']);
    const glyphs = slugs(
      'Glyph Control for Visual Text Generation',
      'Text-to-image diffusion models draw visual text with wrong glyphs; we condition generation on glyph images.',
    );
    expect(glyphs[0]).toBe('generative');
    expect(glyphs).not.toContain('language');
  });

  it('needs more than weak words for the broad topics: a Transformer used is not an architectures paper', () => {
    const used = slugs(
      'Transformers for Crop Mapping from Satellite Images',
      'We use a transformer with attention over a convolution backbone to segment fields in satellite images.',
    );
    expect(used).toEqual(['vision']);
    const designed = slugs('A Transformer Variant with Linear Attention', 'We propose a new architecture: an attention mechanism with linear cost.');
    expect(designed[0]).toBe('architectures');
  });

  it('takes an alternative to attention, or a model of what a Transformer computes, as an architectures paper', () => {
    const mixing = slugs(
      'Mixing Tokens with Fourier Transforms',
      'Transformer encoders can be sped up by replacing the self-attention sublayers with Fourier transforms; the model is faster.',
    );
    expect(mixing[0]).toBe('architectures');
    const theory = slugs(
      'What a Transformer Computes',
      'We propose a computational model for the transformer-encoder in the form of a programming language. The programming language maps attention into simple primitives.',
    );
    expect(theory[0]).toBe('architectures');
  });

  it('does not make outlier detection a vision paper, nor diffusion maps a generation paper', () => {
    const outliers = slugs('Outlier Detection with Autoencoders', 'Outlier detection on tabular data from the reconstruction error of an autoencoder.');
    expect(outliers).toEqual(['autoencoders']);
    const maps = slugs('Diffusion Maps for Clustering Sensor Data', 'We embed sensor readings with diffusion maps and cluster the embedding.');
    expect(maps).not.toContain('generative');
    const images = slugs('Latent Diffusion for Image Synthesis', 'A diffusion model that generates images.');
    expect(images[0]).toBe('generative');
  });

  it('takes speech joined to an LLM as multimodal', () => {
    const topics = slugs(
      'A Simple Recipe for Speech Recognition with an LLM',
      'We connect a speech encoder to a large language model with a linear projector. LLM-based ASR emerges from cross-modality alignment; LLM-based ASR beats baselines.',
    );
    expect(topics[0]).toBe('speech-audio');
    expect(topics).toContain('multimodal');
  });

  it('takes a title that promises speed as the paper’s goal', () => {
    const title = 'Fast and Lightweight Speech Recognition';
    const abstract = 'We recognise speech on phones with a small conformer acoustic model.';
    expect(slugs(title, abstract)).toEqual(expect.arrayContaining(['speech-audio', 'efficiency']));
    expect(slugs('Speech Recognition on Phones', abstract)).not.toContain('efficiency');
  });

  it('tags a neural audio codec as codecs first, and speech-audio too', () => {
    const topics = slugs(
      'A Neural Audio Codec at Low Bitrate',
      'We present a neural codec for speech and audio compression with residual vector quantization at 1.5 kbps.',
    );
    expect(topics[0]).toBe('codecs');
    expect(topics).toContain('speech-audio');
  });

  it('takes a VQGAN, an image GAN, as image generation too', () => {
    const topics = slugs(
      'Image Compression at Low Bitrates with a Fine-Tuned VQGAN',
      'We compress images to 0.05 bpp: a vector quantization codebook indexes the image, and the entropy model codes the indices losslessly.',
    );
    expect(topics[0]).toBe('codecs');
    expect(topics).toContain('generative');
  });

  it('does not take a codec study judged by perceptual quality for image generation', () => {
    const topics = slugs('Machine Perceptual Quality of Compressed Speech', 'We measure how lossy compression of speech affects speech recognition models.');
    expect(topics).toEqual(expect.arrayContaining(['codecs', 'speech-audio']));
    expect(topics).not.toContain('generative');
  });

  it('takes lip reading as understanding video, beside speech', () => {
    const topics = slugs('Visual Speech Recognition without Labels', 'We transcribe speech from silent video: lip reading with a speech recognizer’s latents.');
    expect(topics).toEqual(expect.arrayContaining(['speech-audio', 'vision']));
  });

  it('weighs the title above the abstract', () => {
    const title = scoreTopics(real, { title: 'Image Compression', abstract: 'A method.' }).find((s) => s.slug === 'codecs')!.score;
    const abstract = scoreTopics(real, { title: 'A method', abstract: 'Image compression.' }).find((s) => s.slug === 'codecs')!.score;
    expect(title).toBeGreaterThan(abstract);
  });

  it('leaves a paper unsorted when no topic clears its bar, and gives at most maxTopics (3)', () => {
    expect(tagPaper(real, { title: 'Zzz', abstract: 'Qqq.' })).toEqual([]);
    const many = slugs(
      'Speech Audio Image Compression Quantization Unlearning Retrieval',
      'Speech audio image compression quantization unlearning retrieval code generation diffusion.',
    );
    expect(real.taxonomy.settings.maxTopics).toBe(3);
    expect(many.length).toBe(3);
  });

  it('puts first the field the abstract opens with, when the title names two subjects', () => {
    const title = 'Speech Recognition with Masked Autoencoders';
    const speechFirst = slugs(title, 'Speech recognition turns spoken audio into text. We pretrain a masked autoencoder.');
    const autoencodersFirst = slugs(title, 'A masked autoencoder reconstructs hidden patches. We use one for speech.');
    expect(speechFirst.slice(0, 2)).toEqual(['speech-audio', 'autoencoders']);
    expect(autoencodersFirst.slice(0, 2)).toEqual(['autoencoders', 'speech-audio']);
  });

  it('leaves unsorted a paper whose title names a subject outside the taxonomy, unless it is squarely about a topic', () => {
    expect(slugs('An Efficient Deep Learning Model for Rainfall Nowcasting', 'We predict rainfall efficiently with a fast, compact model.')).toEqual([]);
    expect(slugs('Efficient Locomotion for Legged Robots', 'A lightweight policy runs efficiently on the robot.')).toEqual([]);
    // Science that uses networks as tools: PDE solvers, brain signals, batteries.
    expect(slugs('Efficient Neural Operators for PDEs', 'A lightweight Transformer solves partial differential equations faster.')).toEqual([]);
    expect(slugs('Decoding EEG with a Compact Transformer', 'A lightweight attention model reads EEG efficiently.')).toEqual([]);
    expect(slugs('Efficient Battery Health Estimation', 'A lightweight network predicts battery state efficiently.')).toEqual([]);
    const llm = slugs(
      'Large Language Models for Protein Design',
      'We fine-tune a large language model on protein sequences. The language model generates proteins; natural language prompts steer it.',
    );
    expect(llm).toContain('language');
    expect(slugs('Efficient Inference for Video Models', 'We cut latency and memory of inference with pruning.')).toContain('efficiency');
  });

  it('takes an encoder named in a title (BERT, wav2vec, a vision foundation model) as an encoders paper, not a position encoding', () => {
    expect(slugs('NeoBERT: A Next-Generation BERT', 'We pretrain a new text encoder for retrieval and classification.')).toContain('encoders');
    expect(slugs('Continual Pre-training for Vision Foundation Models', 'We pretrain vision foundation models with images and text.')).toContain('encoders');
    expect(slugs('Relative Position Encoding for Vision Transformers', 'We study position encodings in vision transformers.')).not.toContain('encoders');
  });

  it('takes FP8 and 2bit as low precision, and a ViT in the title as vision', () => {
    expect(slugs('An FP8 Training Recipe for Language Models', 'We train language models in FP8 with reduced precision.')).toContain('quantization');
    expect(slugs('KV: A 2bit Cache', 'We store the cache in 2bit.')).toContain('quantization');
    expect(slugs('Token Merging: Your ViT But Faster', 'We merge similar tokens to raise throughput.')).toEqual(
      expect.arrayContaining(['vision', 'efficiency']),
    );
  });

  it('does not take pruned or merged tokens for discrete codes, nor a GAN vocoder for image generation', () => {
    expect(slugs('Token Pruning for Vision-Language Models', 'We prune tokens to cut latency of inference.')).not.toContain('discrete-representations');
    expect(slugs('A GAN Vocoder for Speech Synthesis', 'A generative adversarial vocoder generates speech waveforms.')).not.toContain('generative');
  });

  it('takes spoken dialogue and audio-language pretraining as multimodal, and a multimodal language model as not NLP', () => {
    expect(slugs('Spoken Dialogue Models: A Survey', 'Spoken dialogue systems talk with people in speech.')).toContain('multimodal');
    expect(slugs('A Visual Encoder for a Multimodal Language Model', 'We fuse visual encoders for a multimodal language model.')).not.toContain('language');
  });

  it('takes concept erasure as unlearning, bug fixing as code, and an FP8 or accelerated model as efficiency too', () => {
    expect(slugs('Concept Erasing from Text-to-Image Diffusion Models', 'We erase a concept from a diffusion model.')).toContain('unlearning');
    expect(slugs('LLM Agents for Automated Bug Fixing', 'Agents fix bugs in repositories with a debugger.')).toContain('code');
    expect(slugs('An FP8 Training Recipe for Language Models', 'We train language models in FP8 with reduced precision.')).toContain('efficiency');
    expect(slugs('Accelerating Prefilling for Long-Context LLMs', 'We share sparse attention patterns across heads.')).toContain('efficiency');
    expect(slugs('Mitigating Hallucination Without Forgetting', 'Vision-language models hallucinate objects; we fix attention.')).not.toContain('unlearning');
  });

  it('knows the names papers of the coming days use: LLMs by name and method, LVLMs, LoRA, late interaction, steering vectors', () => {
    expect(slugs('Instruction Tuning LLaMA to Reason', 'We fine-tune LLaMA and Qwen with chain-of-thought demonstrations.')).toContain('language');
    const lvlm = slugs('Fewer Hallucinations in LVLMs', 'Large vision-language models (LVLMs) describe objects that are not in the image.');
    expect(lvlm).toContain('multimodal');
    expect(lvlm).not.toContain('language');
    expect(slugs('Rank Allocation for LoRA', 'We choose each layer’s LoRA rank during fine-tuning.')).toContain('efficiency');
    expect(slugs('Late Interaction at Scale', 'ColBERT-style late interaction scores each query token against the document.')).toContain('retrieval');
    expect(slugs('Steering Vectors in Chat Models', 'Adding steering vectors to the residual stream changes what the model says.')).toContain(
      'interpretability',
    );
    expect(slugs('Corrective RAG', 'RAG pipelines fail when the passages they fetch are wrong; we check them first.')).toContain('retrieval');
    expect(slugs('Long-Context Modelling at Scale', 'We extend the long context of chat models to a million tokens.')).toContain('language');
    expect(slugs('Text-to-Video with Rectified Flow', 'A rectified flow model makes clips from prompts.')).toContain('generative');
    expect(slugs('LLMZip: Lossless Text Compression', 'We compress English text with a language model as the predictor.')[0]).toBe('codecs');
  });

  it('knows the field’s names for its methods: image tokenizers, HEVC, GPTQ, HumanEval, state space models, deblurring', () => {
    expect(slugs('A 1D Image Tokenizer for Generation', 'Our image tokenizer turns an image into 32 tokens for a generator.')[0]).toBe(
      'discrete-representations',
    );
    expect(slugs('Beyond HEVC', 'Our learned model saves 30% BD-rate over HEVC and VVC.')[0]).toBe('codecs');
    expect(slugs('Calibrating GPTQ', 'We improve GPTQ and AWQ for weights of 3 bits.')).toContain('quantization');
    expect(slugs('Harder Programming Puzzles', 'Models that solve HumanEval and MBPP fail on our unit tests.')).toContain('code');
    expect(slugs('Selective State Space Models Revisited', 'State space models replace attention in long sequences.')).toContain('architectures');
    expect(slugs('Deblurring in the Wild', 'Motion deblurring and dehazing of photographs.')).toContain('vision');
  });

  it('knows visual instruction tuning, position embeddings, semantic IDs, web agents and image anomaly detection, and a codec language model as speech, not compression', () => {
    const vit = slugs('Visual Instruction Tuning at High Resolution', 'Multimodal large language models read small text badly; we tile the image.');
    expect(vit[0]).toBe('multimodal');
    expect(vit).not.toContain('language');
    expect(slugs('Rotary Position Embeddings for Longer Context', 'Position embeddings limit how far transformers read.')).toContain('architectures');
    expect(slugs('Semantic IDs for Recommendation', 'Items get semantic IDs from a codebook.')[0]).toBe('discrete-representations');
    expect(slugs('Web Agents That Plan', 'Large language model agents act on websites.')).toContain('language');
    expect(slugs('Industrial Anomaly Detection from Few Images', 'Visual anomaly detection finds scratches on parts.')).toContain('vision');
    const tts = slugs('Fast Codec Language Models for Voice Cloning', 'A codec language model clones a voice from a prompt for text-to-speech.');
    expect(tts[0]).toBe('speech-audio');
    expect(tts).not.toContain('codecs');
  });

  it('knows test-time scaling, normalization layers, models for code, self-supervision, sparse autoencoders and full-duplex speech-text models', () => {
    expect(slugs('Test-Time Scaling for Reasoning', 'Spending more test-time compute on longer reasoning traces raises accuracy on math.')).toContain(
      'language',
    );
    expect(slugs('Transformers without Normalization Layers', 'We replace normalization layers with an element-wise function.')).toContain('architectures');
    expect(slugs('Language Models for Code', 'We train models on permissively licensed repositories.')[0]).toBe('code');
    expect(slugs('Features without Supervision', 'Self-supervision on curated images gives features for every task.')).toContain('representation-learning');
    expect(slugs('Reading Chat Models with Sparse Autoencoders', 'We train sparse autoencoders on the residual stream of a chat model.')).toContain(
      'interpretability',
    );
    expect(slugs('A Full-Duplex Speech-Text Model', 'Our speech-text model listens and speaks at once in full-duplex conversation.')[0]).toBe('multimodal');
  });

  it('takes a mixture of experts in the title as architectures, and mixed-modal early fusion as multimodal', () => {
    expect(slugs('Sparse Mixture of Experts at Scale', 'We route each token to two of 64 experts and study load balancing.')).toContain('architectures');
    expect(slugs('DeepSeek-Coder: Code Models', 'A mixture-of-experts code LLM for code generation.')).not.toContain('architectures');
    expect(slugs('Mixed-Modal Early-Fusion Models', 'One transformer reads and writes images and text in any order.')).toContain('multimodal');
  });

  it('takes compressing a language model as efficiency, not a codec, and a deletion request as unlearning', () => {
    const llm = slugs('Compressing Large Language Models with Learned Codebooks', 'We study the compression of large language models to 2 bits per weight.');
    expect(llm).toContain('efficiency');
    expect(llm).not.toContain('codecs');
    // Removing duplicate data from a corpus is cleaning it, not unlearning.
    expect(slugs('Deduplicating Pretraining Data', 'Near-duplicate data removal improves language models.')).not.toContain('unlearning');
    expect(slugs('Honouring Deletion Requests', 'On a deletion request we must be removing the influence of their data from the model.')).toEqual([
      'unlearning',
    ]);
  });

  it('does not take a diffusion policy for image generation, nor a provably efficient algorithm for a cheaper model', () => {
    expect(slugs('Offline Reinforcement Learning with Diffusion Policies', 'We represent the policy as a conditional diffusion model.')).toEqual([]);
    expect(slugs('Provably Efficient Exploration with Linear Features', 'Our optimistic algorithm has regret of order the root of the episodes.')).toEqual([]);
  });

  it('takes a VL model named after its LLM (Qwen-VL, InternVL, LLaVA) as multimodal, not language, FlashAttention as efficiency, video editing as generation and Whisper as speech', () => {
    const vl = slugs('Qwen2.5-VL Technical Report', 'Our vision-language series reads documents and long videos.');
    expect(vl[0]).toBe('multimodal');
    expect(vl).not.toContain('language');
    expect(slugs('Qwen2.5 Technical Report', 'Our language models are pretrained on 18 trillion tokens.')).toEqual(['language']);
    expect(slugs('LLaVA at Scale', 'We train LLaVA on more instructions.')).toContain('multimodal');
    expect(slugs('Distilling Whisper for Phones', 'A student with four decoder layers keeps the word error rate of its teacher.')).toContain('speech-audio');
    expect(slugs('Instruction-Based Video Editing', 'We edit clips as a user asks.')).toContain('generative');
    expect(slugs('FlashAttention-3 on Hopper', 'We write attention kernels for Hopper GPUs.')).toContain('efficiency');
  });

  it('takes novel view synthesis by Gaussian splatting as vision, not an implicit neural representation', () => {
    const topics = slugs('Feed-Forward Gaussian Splatting from Sparse Views', 'Gaussian splatting gives novel view synthesis from a few input views.');
    expect(topics).toContain('vision');
    expect(topics).not.toContain('neural-fields');
  });

  it('knows RLVR and preference optimization as language, depth estimators as vision, JEPA as representation learning, the residual stream as interpretability and attention sinks as architectures', () => {
    expect(slugs('Scaling RLVR to Harder Problems', 'We train the policy with verifiable rewards and GRPO.')).toEqual(['language']);
    expect(slugs('Length Bias after DPO', 'Reinforcement learning from human feedback favours long answers.')).toEqual(['language']);
    expect(slugs('Depth Estimators Trained on Synthetic Images', 'Our monocular depth estimator predicts sharp maps.')).toEqual(['vision']);
    expect(slugs('V-JEPA at Scale', 'A joint-embedding predictive architecture learns from video.')).toContain('representation-learning');
    expect(slugs('Reading the Residual Stream', 'We study internal representations with activation steering.')).toEqual(['interpretability']);
    expect(slugs('Why Attention Sinks Appear', 'Softmax attention puts its weight on the first token.')).toEqual(['architectures']);
  });

  it('does not take retrieval-augmented generation for image generation', () => {
    const rag = slugs(
      'Retrieval-Augmented Generation with Adaptive Chunking',
      'Chunking documents by discourse helps the retriever find passages and the generator generate answers in question answering.',
    );
    expect(rag).toContain('retrieval');
    expect(rag).not.toContain('generative');
  });

  it('does not take contrastive decoding for representation learning, score distillation for a smaller model, nor lookup-free quantization of latents for low precision', () => {
    expect(
      slugs(
        'Mitigating Hallucination in LVLMs via Contrastive Decoding',
        'We contrast the output distributions of original and distorted images while decoding.',
      ),
    ).toEqual(['multimodal']);
    expect(
      slugs(
        'Text-to-3D with Better Score Distillation',
        'We optimize a 3D representation against a text-to-image diffusion model by score distillation sampling.',
      ),
    ).toEqual(['generative']);
    expect(
      slugs(
        'Lookup-Free Quantization for Image Tokenizers',
        'We quantize the latent to binary codes without a codebook lookup for autoregressive image generation.',
      ),
    ).toEqual(['discrete-representations']);
  });

  it('takes spoken language understanding as speech, not NLP', () => {
    expect(
      slugs(
        'Speech Encoders for Spoken Language Understanding',
        'We probe the layers of pretrained speech encoders and find that intermediate layers carry intent.',
      ),
    ).toEqual(['encoders', 'speech-audio']);
  });

  it('knows the key-value cache and LLM serving as efficiency, and detection by referring expressions as vision first, then multimodal', () => {
    expect(slugs('Serving LLMs with Paged Attention', 'We keep the key-value cache of language models in fixed-size pages so larger batches fit.')).toEqual([
      'efficiency',
      'language',
    ]);
    expect(
      slugs('Open-Set Detection by Language Grounding', 'We fuse text and image features in a detector so it finds objects named in referring expressions.'),
    ).toEqual(['vision', 'multimodal']);
  });

  it('takes CLIP as multimodal but not a video clip or a clipped weight, and a quantizer of weights as low precision', () => {
    expect(slugs('Prompt Learning for CLIP', 'We adapt CLIPs to new classes by learning prompts for the text encoder.')).toContain('multimodal');
    expect(slugs('Rotate, Clip and Quantize', 'We clip outliers and design a non-uniform weight quantizer for 4-bit language models.')[0]).toBe('quantization');
    expect(slugs('Rotate, Clip and Quantize', 'We clip outliers and design a non-uniform weight quantizer for 4-bit language models.')).not.toContain(
      'multimodal',
    );
    expect(
      slugs('Video Representation Learning by Predicting Steps', 'Each video clip is encoded and the next clip is predicted in latent space.'),
    ).not.toContain('multimodal');
  });

  it('does not take entropy regularization, a regulariser of any model, for compression', () => {
    expect(
      slugs(
        'Entropy Regularization Keeps Exploration Alive in RL for Reasoning',
        'Reinforcement learning with verifiable rewards collapses the entropy of large language models early; we add an adaptive entropy regularization term to the GRPO objective and improve pass@k on math benchmarks.',
      ),
    ).toEqual(['language']);
  });

  it('knows microscaling formats (MXFP4, NVFP4) as low precision and text-to-SQL as code, and takes natural-language supervision of another modality as not NLP', () => {
    expect(
      slugs('Low-Precision Training in MXFP4', 'We train transformers with MXFP4 matrix multiplications and stochastic rounding, matching BF16 quality.'),
    ).toEqual(['quantization']);
    expect(
      slugs(
        'Text-to-SQL with Large Language Models',
        'We decompose text-to-SQL into schema linking, SQL query generation and execution-guided correction with an LLM.',
      ),
    ).toEqual(['code', 'language']);
    expect(
      slugs(
        'Learning Audio Concepts from Natural Language Supervision',
        'We train an audio encoder and a text encoder with a contrastive objective on audio-text pairs, so that sounds are classified zero-shot from their descriptions.',
      ),
    ).not.toContain('language');
  });

  it('takes joint source-channel coding as coding for transmission, and forgetting in an image classifier as vision too', () => {
    expect(
      slugs(
        'Deep Joint Source-Channel Coding of Images over Fading Channels',
        'An encoder maps images to channel symbols and a decoder reconstructs them after transmission, degrading gracefully as the SNR drops.',
      ),
    ).toEqual(['codecs']);
    expect(
      slugs(
        'Zero-Shot Class Unlearning in Image Classifiers',
        'We make a trained classifier forget a class without its training data, keeping accuracy on the others.',
      ),
    ).toEqual(['unlearning', 'vision']);
  });

  it('does not take expressive speech for a theory of architectures, nor image quality kept by a codec for vision, but takes quality assessment as vision', () => {
    expect(
      slugs(
        'Expressive Speech Synthesis with Prosody Tokens',
        'We model prosody with discrete tokens so that a text-to-speech system produces expressive, natural speech; source code is available.',
      ),
    ).toEqual(['speech-audio', 'discrete-representations']);
    expect(
      slugs(
        'Learned Image Compression with Better Image Quality at Low Bitrates',
        'We train an image codec whose reconstructions keep image quality at low bitrates, measured by PSNR and MS-SSIM on Kodak.',
      ),
    ).toEqual(['codecs']);
    expect(
      slugs('No-Reference Image Quality Assessment with Transformers', 'We predict the perceived quality of distorted photographs without a reference image.'),
    ).toEqual(['vision']);
  });

  it('knows depth prediction as vision and a model’s internal mechanisms as interpretability', () => {
    expect(slugs('Depth Anything V2', 'We produce finer depth predictions and sharper depth maps from single images by training on synthetic data.')).toEqual([
      'vision',
    ]);
    expect(
      slugs(
        'On the Biology of a Large Language Model',
        'We investigate the internal mechanisms of a large language model with attribution graphs, finding circuits for multi-step reasoning.',
      ),
    ).toContain('interpretability');
  });

  it('does not take detecting machine-generated text or jailbreaks for computer vision', () => {
    expect(
      slugs(
        'Zero-Shot Machine-Generated Text Detection with Probability Curvature',
        'Text sampled from a large language model lies in regions of negative curvature of its log probability, which allows zero-shot detection of machine-generated text without a trained classifier.',
      ),
    ).toEqual(['language']);
    expect(
      slugs(
        'Jailbreak Detection in LLM Conversations',
        'We detect jailbreak prompts sent to language model assistants with a lightweight classifier on hidden states, improving detection rates over perplexity filters.',
      ),
    ).toEqual(['language']);
  });

  it('does not take hate speech or part-of-speech tagging for speech and audio', () => {
    expect(
      slugs(
        'Multilingual Hate Speech Detection with Large Language Models',
        'We evaluate large language models on hate speech detection in 12 languages and find that they underperform on implicit hate speech.',
      ),
    ).toEqual(['language']);
    expect(
      slugs(
        'Part-of-Speech Tagging for Low-Resource Languages',
        'We transfer part-of-speech taggers from high-resource languages with multilingual language models, improving accuracy on 20 languages.',
      ),
    ).toEqual(['language']);
  });

  it('does not take segmenting text into words for image segmentation', () => {
    expect(
      slugs(
        'Unsupervised Word Segmentation with Character Language Models',
        'We segment unsegmented text into words using the predictive uncertainty of a character-level language model, improving word segmentation F1 on Chinese and Japanese.',
      ),
    ).toEqual(['language']);
  });

  it('does not take an agent’s memory or an energy-based model for a cheaper model', () => {
    expect(
      slugs(
        'A-Mem: Agentic Memory for LLM Agents',
        'We give large language model agents a long-term memory that organizes past interactions into linked notes. When new memories are added, related memories are updated, and the agent retrieves relevant memory when answering.',
      ),
    ).toEqual(['language']);
    expect(
      slugs(
        'Energy-Based Models for Image Generation',
        'We train energy-based models whose energy function is a convolutional network and sample realistic images with short-run Langevin dynamics on the energy landscape.',
      ),
    ).toEqual(['generative']);
  });

  it('does not take transparent objects or electronic circuits for interpretability', () => {
    expect(
      slugs(
        'Depth Completion for Transparent Objects',
        'Depth sensors fail on transparent surfaces such as glass. We complete the depth of transparent objects from RGB images and the noisy depth map.',
      ),
    ).toEqual(['vision']);
    expect(
      slugs(
        'Large Language Models for Analog Circuit Design',
        'We prompt large language models to generate netlists for analog circuits and refine them with simulator feedback, producing working amplifier circuits.',
      ),
    ).toEqual(['language']);
  });

  it('does not take the mean absolute error (MAE) for a masked autoencoder, and counting crowds is vision', () => {
    expect(
      slugs('Crowd Counting with Density Maps', 'We count people in crowded scenes by regressing density maps, lowering MAE and MSE on ShanghaiTech.'),
    ).toEqual(['vision']);
    expect(
      slugs(
        'MAE Pretraining for Medical Images',
        'We pretrain a vision transformer as a masked autoencoder on unlabeled scans and fine-tune it for diagnosis.',
      ),
    ).toContain('autoencoders');
  });

  it('takes visual question answering as multimodal, not NLP', () => {
    expect(
      slugs(
        'Text-Guided Token Pruning for Efficient Multimodal Inference',
        'Visual tokens dominate the input of multimodal models. We prune them using the attention of the text prompt, halving FLOPs with little loss on visual question answering, video question answering and text-rich visual question answering.',
      ),
    ).not.toContain('language');
  });

  it('knows dynamic depth and conditional computation (mixture of depths) as efficiency', () => {
    expect(
      slugs(
        'Mixture-of-Depths: Dynamically Allocating Compute in Transformer-Based Language Models',
        'Transformers spend the same compute on every token. We route only a subset of tokens through each block with a learned router, matching baseline quality with 50% fewer FLOPs per forward pass.',
      ),
    ).toContain('efficiency');
  });

  it('takes a hypernetwork for an implicit neural representation, but not a hypernetwork alone', () => {
    expect(
      slugs(
        'Continual Learning with Hypernetworks',
        'A hypernetwork generates the weights of a target network conditioned on a task embedding; regularizing its outputs for earlier tasks prevents catastrophic forgetting.',
      ),
    ).not.toContain('neural-fields');
    expect(
      slugs(
        'Decoder-Only Random Hypernetworks for Implicit Neural Representations',
        'We fit signals with a frozen random hypernetwork and a learned latent code, compressing images and occupancy fields.',
      ),
    ).toContain('neural-fields');
  });

  it('does not take debugging a trained network for code', () => {
    expect(
      slugs(
        'Debugging Deep Networks by Finding Spurious Features',
        'We locate spurious features that classifiers rely on by inspecting neurons, and fix them by retraining on reweighted data.',
      ),
    ).not.toContain('code');
    expect(
      slugs(
        'Teaching Large Language Models to Self-Debug',
        'We teach large language models to debug their predicted code by rubber duck debugging, explaining the generated code and execution results.',
      ),
    ).toContain('code');
  });

  it('does not take a codec’s quantizer for low precision, nor its coding efficiency for a cheaper model', () => {
    expect(
      slugs(
        'Variable-Rate Learned Image Compression with a Dead-Zone Quantizer',
        'A learned image codec is trained once for a rate-distortion trade-off. We reach any bitrate with the same network by applying a dead-zone quantizer of adjustable step size to its latents, matching separately trained models across a wide range of bits per pixel.',
      ),
    ).toEqual(['codecs']);
    expect(
      slugs(
        'How Reliable Is the Bjontegaard Delta? Measuring the Compression Efficiency of Video Codecs',
        'Codecs are compared by the Bjontegaard delta rate computed from four rate-distortion points. We fit rate-distortion curves with a small neural network and show when the usual estimate misjudges the compression efficiency of new codecs.',
      ),
    ).toEqual(['codecs']);
  });

  it('does not take Gaussian splatting, set against NeRF, for an implicit neural representation', () => {
    const topics = slugs(
      'A Survey of 3D Gaussian Splatting',
      'Unlike neural radiance fields (NeRF), which represent a scene implicitly with a coordinate network, 3D Gaussian splatting represents it with explicit Gaussians rasterized in real time. We review 3DGS methods for 3D reconstruction, editing and dynamic scenes.',
    );
    expect(topics).toContain('vision');
    expect(topics).not.toContain('neural-fields');
  });

  it('knows image manipulation and visual generation as generation', () => {
    expect(
      slugs(
        'Instruction-Driven Image Manipulation Learned from Video Frames',
        'We build training pairs for instruction-driven image manipulation from pairs of video frames, with instructions written by a multimodal large language model, and train a model that changes poses and viewpoints while keeping the subject.',
      ),
    ).toEqual(['generative']);
    expect(
      slugs(
        'Continuous and Discrete Tokens for Autoregressive Visual Generation',
        'Autoregressive visual generation predicts image tokens one after another. We keep a continuous tokenizer and obtain discrete tokens by quantizing each dimension after training, so a lightweight head can predict them with cross-entropy, reaching the quality of continuous models.',
      ),
    ).toContain('generative');
  });

  it('does not take a paper that only says “tokens” for discrete representations, but takes a discrete bottleneck', () => {
    expect(
      slugs(
        'Token-Difficulty Routing in Mixture-of-Experts Language Models',
        'We turn a dense large language model into a mixture of experts whose router sends hard tokens to larger experts and easy tokens to smaller ones, so that the compute spent on tokens follows their difficulty after a single fine-tuning run.',
      ),
    ).not.toContain('discrete-representations');
    expect(
      slugs(
        'Learning New Tasks through a Discrete Bottleneck of Key-Value Codes',
        'A frozen pretrained encoder selects the nearest of many learnable keys, and only their values are updated for a new task. We study how such a discrete bottleneck keeps earlier tasks intact under distribution shift.',
      ),
    ).toContain('discrete-representations');
  });

  it('does not take a video coder for a code model, nor sound event detection for computer vision', () => {
    expect(
      slugs(
        'A Learned Video Coder with Hybrid Motion Compensation',
        'We combine flow-based warping and adaptive kernels for inter prediction in a learned video codec. Trained jointly with an intra coder and a residual coder, it saves bitrate over HEVC at the same PSNR.',
      ),
    ).toEqual(['codecs']);
    expect(
      slugs(
        'DeepSeek-Coder: Open Code Models for Programming',
        'We release open code language models trained on two trillion tokens of source code, which match closed models on code completion benchmarks.',
      ),
    ).toContain('code');
    expect(
      slugs(
        'Deep Learning for Sound Event Detection and Speech Separation: A Review',
        'We review deep learning for audio: sound event detection, speech separation, music tagging and speech enhancement, and the log-mel and waveform front ends they share.',
      ),
    ).toEqual(['speech-audio']);
  });

  it('is deterministic', () => {
    const paper = { title: 'Masked Autoencoders That Listen', abstract: 'Self-supervised audio representation learning with masked autoencoders.' };
    expect(tagPaper(real, paper)).toEqual(tagPaper(real, paper));
  });
});

describe('tagPaper with a small taxonomy', () => {
  const small: Taxonomy = {
    settings: { titleWeight: 3, threshold: 2, relativeThreshold: 0.5, strongScore: 100, openingWeight: 0, maxTopics: 2, repeatCap: 2 },
    topics: [
      { slug: 'a', name: 'A', description: 'A.', primaryBias: 1, rules: [{ match: ['alpha*'], weight: 1, titleOnly: false }] },
      {
        slug: 'b',
        name: 'B',
        description: 'B.',
        primaryBias: 1,
        rules: [
          { match: ['beta gamma'], weight: 2, titleOnly: false },
          { match: ['not beta'], weight: -5, titleOnly: false },
        ],
      },
    ],
  };
  const compiled = compileTaxonomy(small);

  it('matches a prefix pattern shorter than three letters', () => {
    const short = compileTaxonomy({ ...small, topics: [{ ...small.topics[0]!, rules: [{ match: ['vq*'], weight: 2, titleOnly: false }] }] });
    // One prefix pattern is one piece of evidence, in the form found first.
    expect(scoreTopics(short, { title: 'x', abstract: 'A VQGAN and a VQ model, not a VAE.' })[0]).toMatchObject({ score: 4, evidence: ['VQGAN'] });
  });

  it('matches a word written in capitals only where the text writes it in capitals, plural too', () => {
    const rules = (match: string[]) => compileTaxonomy({ ...small, topics: [{ ...small.topics[0]!, rules: [{ match, weight: 1, titleOnly: false }] }] });
    const score = (match: string[], abstract: string) => scoreTopics(rules(match), { title: 'x', abstract })[0]!.score;
    expect(score(['CLIP model'], 'A CLIP model and CLIPs models.')).toBe(2);
    expect(score(['CLIP model'], 'A clip model, a Clip model and a cLIP model.')).toBe(0);
    // Only the words written in capitals must be: “model” matches in any case, and so does the capital of a second word.
    expect(score(['CLIP model'], 'A CLIP MODEL.')).toBe(1);
    expect(score(['a GAN'], 'Not a gan, but a GAN.')).toBe(1);
    // One capital is not an acronym: “3D” matches “3d” as “Transformer” would match “transformer”; two are.
    expect(score(['3D'], 'A 3d shape.')).toBe(1);
    expect(score(['VQ'], 'A vq code, a VQ code.')).toBe(1);
    // A prefix pattern in capitals needs capitals as far as it reaches.
    expect(score(['CLIP*'], 'CLIPScore and a clipped gradient.')).toBe(1);
  });

  it('splits a rule’s phrase on hyphens as on spaces', () => {
    const hyphen = compileTaxonomy({ ...small, topics: [{ ...small.topics[0]!, rules: [{ match: ['x-ray'], weight: 1, titleOnly: false }] }] });
    expect(scoreTopics(hyphen, { title: 'x', abstract: 'An X-ray, an x ray and an X  ray.' })[0]!.score).toBe(2);
  });

  it('keeps each different phrase once as evidence (the first found, in any form), never a negative rule’s, at most six', () => {
    expect(scoreTopics(compiled, { title: 'Alpha', abstract: 'alpha alpha alpha alpha alpha alpha ALPHA alphas' })[0]!.evidence).toStrictEqual(['Alpha']);
    expect(scoreTopics(compiled, { title: 'x', abstract: 'beta gamma, not beta' })[1]!.evidence).toStrictEqual(['beta gamma']);
    const many = compileTaxonomy({
      ...small,
      topics: [
        {
          ...small.topics[0]!,
          rules: [
            { match: ['one', 'two', 'three', 'four'], weight: 1, titleOnly: false },
            { match: ['five', 'six', 'seven', 'eight'], weight: 1, titleOnly: false },
          ],
        },
      ],
    });
    expect(scoreTopics(many, { title: 'x', abstract: 'one two three four five six seven eight' })[0]!.evidence).toEqual([
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
    ]);
  });

  it('does not quote a phrase that a longer piece of evidence already says, by whole words', () => {
    const nested = compileTaxonomy({
      ...small,
      topics: [
        {
          ...small.topics[0]!,
          rules: [
            { match: ['image recognition', 'codec'], weight: 2, titleOnly: false },
            { match: ['recognition', 'recognitions', 'code', 'speech'], weight: 1, titleOnly: false },
            { match: ['recognition'], weight: 1, titleOnly: true },
            { match: ['not in the paper'], weight: 1, titleOnly: false },
          ],
        },
      ],
    });
    const paper = { title: 'Recognition', abstract: 'Image recognitions, speech recognition, a codec and its code.' };
    // Strictly: a stray empty entry is a defect that toEqual would let pass.
    expect(scoreTopics(nested, paper)[0]!.evidence).toStrictEqual(['Image recognitions', 'codec', 'speech', 'code']);
  });

  it('keeps the title’s share of a score apart, and a title-only rule out of the opening sentence', () => {
    const titled = compileTaxonomy({
      ...small,
      settings: { ...small.settings, openingWeight: 1 },
      topics: [
        {
          ...small.topics[0]!,
          rules: [
            { match: ['alpha'], weight: 2, titleOnly: true },
            { match: ['omega'], weight: 1, titleOnly: false },
          ],
        },
      ],
    });
    expect(scoreTopics(titled, { title: 'Alpha', abstract: 'Alpha and omega. More alpha.' })[0]).toMatchObject({ score: 7, titleScore: 6, openingScore: 1 });
  });

  it('orders topics that tie by the taxonomy’s order', () => {
    const three = compileTaxonomy({
      ...small,
      settings: { ...small.settings, maxTopics: 3, relativeThreshold: 0 },
      topics: ['p', 'q', 'r'].map((slug) => ({
        slug,
        name: slug,
        description: slug,
        primaryBias: 1,
        rules: [{ match: ['same'], weight: 2, titleOnly: false }],
      })),
    });
    expect(tagPaper(three, { title: 'x', abstract: 'same' }).map((t) => t.slug)).toEqual(['p', 'q', 'r']);
  });

  it('keeps a topic at the strong score whatever the best topic scored, and not one a point under it', () => {
    const strong = compileTaxonomy({ ...small, settings: { ...small.settings, strongScore: 4 } });
    // b scores 10 (6 from the title, 4 from the abstract); a scores 2: under half of 10, so only a strong score keeps it.
    const paper = (alphas: number) => ({ title: 'Beta Gamma Beta Gamma', abstract: `beta gamma beta gamma ${'alpha '.repeat(alphas)}` });
    expect(tagPaper(strong, paper(2)).map((t) => t.slug)).toEqual(['b']);
    expect(scoreTopics(strong, paper(2))[0]!.score).toBe(2);
    const four = compileTaxonomy({ ...small, settings: { ...small.settings, strongScore: 2 } });
    expect(tagPaper(four, paper(2)).map((t) => t.slug)).toEqual(['b', 'a']);
  });

  it('caps repeats in the abstract', () => {
    expect(scoreTopics(compiled, { title: 'x', abstract: 'alpha alphas alphabet alpha' })[0]!.score).toBe(2);
  });

  it('matches phrases word by word, and negative rules take points away', () => {
    expect(scoreTopics(compiled, { title: 'x', abstract: 'Beta-Gamma' })[1]!.score).toBe(2);
    expect(scoreTopics(compiled, { title: 'x', abstract: 'beta gamma, not beta' })[1]!.score).toBe(-3);
  });

  it('leaves a paper unsorted when its best topic is under the threshold, rather than giving it anyway', () => {
    expect(scoreTopics(compiled, { title: 'x', abstract: 'One alpha here.' })[0]!.score).toBe(1);
    expect(tagPaper(compiled, { title: 'x', abstract: 'One alpha here.' })).toEqual([]);
    expect(tagPaper(compiled, { title: 'x', abstract: 'Two alphas, alpha.' }).map((t) => t.slug)).toEqual(['a']);
  });

  it('drops topics below the share of the best score', () => {
    expect(tagPaper(compiled, { title: 'Beta Gamma', abstract: 'alpha alpha' }).map((t) => t.slug)).toEqual(['b']);
  });

  it('orders given topics by the opening sentence too, when openingWeight says so, without changing which are given', () => {
    const paper = { title: 'x', abstract: 'Beta gamma is a field. We study alpha, alphas, beta gamma.' };
    expect(tagPaper(compiled, paper).map((t) => t.slug)).toEqual(['b', 'a']);
    const opening = compileTaxonomy({ ...small, settings: { ...small.settings, openingWeight: 1 } });
    const upside = { title: 'x', abstract: 'Alpha is a field. We study alphas, beta gamma.' };
    expect(tagPaper(compiled, upside).map((t) => t.slug)).toEqual(['a', 'b']);
    expect(tagPaper(opening, upside).map((t) => t.slug)).toEqual(['a', 'b']);
    const tie = { title: 'x', abstract: 'Beta gamma is a field. We study alpha, alphas.' };
    expect(tagPaper(compiled, tie).map((t) => t.slug)).toEqual(['a', 'b']);
    expect(tagPaper(opening, tie).map((t) => t.slug)).toEqual(['b', 'a']);
    expect(scoreTopics(opening, tie).map((s) => [s.score, s.openingScore])).toEqual([
      [2, 0],
      [2, 2],
    ]);
    expect(scoreTopics(opening, tie).map((s, i) => orderKey(opening, s, i))).toEqual([2, 4]);
  });

  describe('a title naming a subject outside the taxonomy', () => {
    const outside = compileTaxonomy({ ...small, outside: { match: ['weather', 'protein*'], score: 6 } });
    const tags = (paper: { title: string; abstract: string }) => tagPaper(outside, paper).map((t) => t.slug);

    it('leaves the paper unsorted unless a topic reaches the outside score', () => {
      const weak = { title: 'Weather from Alpha', abstract: 'alpha alpha' };
      expect(tagPaper(compiled, weak).map((t) => t.slug)).toEqual(['a']);
      expect(tags(weak)).toEqual([]);
      expect(outsideSubjects(outside, weak)).toEqual(['Weather']);
      // Alpha in the title (3) and twice in the abstract (2): 5, one short of the outside score.
      expect(tags({ title: 'Alpha Weather', abstract: 'alpha alpha' })).toEqual([]);
      expect(tags({ title: 'Alpha Weather', abstract: 'alpha alpha. Beta gamma.' })).toEqual([]);
      expect(tags({ title: 'Alpha Weather', abstract: 'alpha alpha alpha' })).toEqual([]);
      const strong = { title: 'Beta Gamma for Proteins', abstract: 'beta gamma' };
      expect(scoreTopics(outside, strong)[1]!.score).toBe(8);
      expect(tags(strong)).toEqual(['b']);
    });

    it('keeps a topic that reaches the outside score exactly', () => {
      expect(scoreTopics(outside, { title: 'Beta Gamma Weather', abstract: 'Nothing here.' })[1]!.score).toBe(6);
      expect(tags({ title: 'Beta Gamma Weather', abstract: 'Nothing here.' })).toEqual(['b']);
    });

    it('reads the subject in the title only, and folds its words as rules do', () => {
      expect(tags({ title: 'Alpha', abstract: 'alpha alpha, for weather and proteins' })).toEqual(['a']);
      expect(outsideSubjects(outside, { title: 'Protein-Folding Alpha' })).toEqual(['Protein']);
      // Two phrases of the list that fold alike, and one inside another, are one subject.
      expect(outsideSubjects(real, { title: 'Graph Networks for Crystal Material Properties' })).toEqual(['Crystal', 'Material']);
      expect(outsideSubjects(real, { title: 'Time Series Forecasting at Scale' })).toEqual(['Time Series', 'Forecasting']);
      expect(outsideSubjects(outside, { title: 'WEATHERS of Alpha' })).toEqual(['WEATHERS']);
      expect(outsideSubjects(outside, { title: 'Weathered Alpha' })).toEqual([]);
    });

    it('changes nothing without an outside list', () => {
      expect(outsideSubjects(compiled, { title: 'Weather' })).toEqual([]);
      expect(tagPaper(compiled, { title: 'Weather', abstract: 'alpha alpha' }).map((t) => t.slug)).toEqual(['a']);
    });
  });

  it('keeps a topic with its own lower share beside a strong main topic', () => {
    const aspect = compileTaxonomy({ ...small, topics: small.topics.map((t) => (t.slug === 'a' ? { ...t, relativeThreshold: 0.2 } : t)) });
    expect(tagPaper(aspect, { title: 'Beta Gamma', abstract: 'alpha alpha' }).map((t) => t.slug)).toEqual(['b', 'a']);
  });
});

describe('openingSentenceEnd, at the edges', () => {
  it.each([
    ['Cf. The model works. Next one.', 'Cf. The model works.'],
    ['We use e.g. X. Then more.', 'We use e.g. X.'],
    ['Ends here.  ', 'Ends here.'],
    ['One.  Two spaces before this.', 'One.'],
    ['Model v2.0 is new', 'Model v2.0 is new'],
  ])('%s', (text, opening) => expect(text.slice(0, openingSentenceEnd(text))).toBe(opening));
});

describe('openingSentenceEnd', () => {
  it.each([
    ['One sentence. Another one.', 'One sentence.'],
    ['Is this a question? Yes.', 'Is this a question?'],
    ['Models, e.g. Transformers, work. Then more.', 'Models, e.g. Transformers, work.'],
    ['As Smith et al. Showed in 2020, it works. More.', 'As Smith et al. Showed in 2020, it works.'],
    ['Data are i.i.d. and labelled. More.', 'Data are i.i.d. and labelled.'],
    ['It reaches 90.5 accuracy. In 2024 it improved.', 'It reaches 90.5 accuracy.'],
    ['No full stop at all', 'No full stop at all'],
    ['', ''],
  ])('%j opens with %j', (text, opening) => expect(text.slice(0, openingSentenceEnd(text))).toBe(opening));
});
